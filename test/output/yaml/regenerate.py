"""Rewrites the expected outputs in this folder with the real AWS CLI v2 formatters.

Run with the Python that has awscli (Debian: /usr/bin/python3 regenerate.py). Inputs are
NAME.json (outputs NAME.yaml, NAME.yaml-stream) and the "input" of each corpus.jsonl line.
"""
import argparse
import io
import json
import pathlib

from awscli.formatter import StreamedYAMLFormatter, YAMLFormatter

FORMATTERS = {'yaml': YAMLFormatter, 'yaml-stream': StreamedYAMLFormatter}


class WholeDocument:
    """A --query that returns the document, so that scalars reach the formatter as they do after a query."""

    def search(self, data):
        return data['document']


def formatted(mode, text):
    out = io.StringIO()
    args = argparse.Namespace(query=WholeDocument(), output=mode)
    FORMATTERS[mode](args)('op', {'document': json.loads(text)}, out)
    return out.getvalue()


here = pathlib.Path(__file__).parent
for path in sorted(here.glob('*.json')):
    for mode in FORMATTERS:
        path.with_suffix('.' + mode).write_text(formatted(mode, path.read_text()), encoding='utf-8')

corpus = here / 'corpus.jsonl'
lines = []
for line in corpus.read_text(encoding='ascii').split('\n')[:-1]:
    text = json.loads(line)['input']
    lines.append(json.dumps({'input': text, **{mode: formatted(mode, text) for mode in FORMATTERS}}))
corpus.write_text('\n'.join(lines) + '\n', encoding='ascii')
