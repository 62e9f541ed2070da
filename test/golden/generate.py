#!/usr/bin/python3
"""Writes what AWS CLI v2 prints for every golden case: stdout, stderr and exit code.

Run with the Python that carries the reference CLI (Debian's awscli 2.9.19):

    /usr/bin/python3 test/golden/generate.py            # rewrites test/golden/expected/
    /usr/bin/python3 test/golden/generate.py --out DIR  # writes elsewhere (the interop suite)

Every step is the CLI's own code, in the order `aws <service> <operation>` runs it:
`--query` is compiled by the CLI's global-argument hook (a bad query raises the
ParamValidationError that exits 252), the document is parsed with `json.loads` as
botocore hands a parsed response over (ints stay ints, 2.0 stays a float), the formatter
comes from `get_formatter` (which drops ResponseMetadata and applies the query), and any
exception goes through the CLI driver's own error-handler chain, which writes the message
and picks the exit code. The only thing simulated is the terminal: the CLI asks the tty
for its width, so the case's `columns` stands in for a terminal that wide, and colour is
off as it is whenever stdout is not a terminal.
"""
import argparse
import io
import json
import os
import sys
from pathlib import Path

import awscli
import awscli.table
from awscli.customizations.globalargs import resolve_types
from awscli.errorhandler import construct_cli_error_handlers_chain
from awscli.formatter import get_formatter

REFERENCE_VERSION = '2.9.19'
HERE = Path(__file__).resolve().parent
OUTPUTS = ['json', 'yaml', 'yaml-stream', 'text', 'table']
DEFAULT_COLUMNS = 80


def expand(groups):
    """One case per output mode of each group, and per width for tables."""
    cases = []
    for group in groups:
        for output in group.get('outputs', OUTPUTS):
            widths = group.get('columns', [DEFAULT_COLUMNS]) if output == 'table' else [DEFAULT_COLUMNS]
            for columns in widths:
                case = {
                    'id': '%s.%s' % (group['group'], output if output != 'table' else 'table-%d' % columns),
                    'document': group['document'],
                    'operation': group['operation'],
                    'output': output,
                    'columns': columns,
                }
                if 'query' in group:
                    case['query'] = group['query']
                cases.append(case)
    ids = [case['id'] for case in cases]
    duplicates = sorted({case_id for case_id in ids if ids.count(case_id) > 1})
    if duplicates:
        raise SystemExit('duplicate case ids: %s' % ', '.join(duplicates))
    return cases


def run_case(case, document_text):
    """What `aws ... --output <mode> [--query <q>]` prints for a response equal to the document."""
    stdout = io.StringIO()
    stderr = io.StringIO()
    terminal_width = awscli.table.determine_terminal_width
    awscli.table.determine_terminal_width = lambda default_width=80: case['columns']
    try:
        parsed_globals = argparse.Namespace(
            query=case.get('query'), endpoint_url=None, color='off', output=case['output'])
        resolve_types(parsed_globals)
        response = json.loads(document_text)
        formatter = get_formatter(case['output'], parsed_globals)
        formatter(case['operation'], response, stdout)
        exit_code = 0
    except Exception as error:  # the CLI driver hands every exception to this chain
        exit_code = construct_cli_error_handlers_chain().handle_exception(error, stdout, stderr)
    finally:
        awscli.table.determine_terminal_width = terminal_width
    return stdout.getvalue(), stderr.getvalue(), exit_code


def generate(out_dir):
    if awscli.__version__ != REFERENCE_VERSION:
        raise SystemExit('the golden corpus is pinned to AWS CLI %s, this Python has %s'
                         % (REFERENCE_VERSION, awscli.__version__))
    groups = json.loads((HERE / 'cases.json').read_text(encoding='utf-8'))
    documents = {}
    manifest = []
    out_dir.mkdir(parents=True, exist_ok=True)
    for case in expand(groups):
        if case['document'] not in documents:
            documents[case['document']] = (HERE / 'documents' / case['document']).read_text(encoding='utf-8')
        stdout, stderr, exit_code = run_case(case, documents[case['document']])
        (out_dir / (case['id'] + '.out')).write_bytes(stdout.encode('utf-8'))
        manifest.append(dict(case, exitCode=exit_code, stderr=stderr))
    written = {case['id'] + '.out' for case in manifest}
    for stale in out_dir.glob('*.out'):
        if stale.name not in written:
            stale.unlink()
    (out_dir / 'manifest.json').write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False) + '\n', encoding='utf-8')
    return manifest


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--out', type=Path, default=HERE / 'expected',
                        help='directory for manifest.json and one <case id>.out per case')
    out_dir = parser.parse_args().out
    manifest = generate(out_dir)
    failing = sum(1 for case in manifest if case['exitCode'] != 0)
    print('%d cases (%d end in a CLI error) written to %s'
          % (len(manifest), failing, os.path.relpath(out_dir)), file=sys.stderr)


if __name__ == '__main__':
    main()
