"""Times the AWS CLI v2's own output formatters on one JSON document.

Run by bench/run.ts with /usr/bin/python3 (the Python that can import awscli):

    aws_cli_format.py DOCUMENT.json RUNS MODE [MODE ...]

The document is parsed once with json.loads (timed apart, as "parse"); each mode then
formats it RUNS times into an io.StringIO, with a fresh formatter each run as the CLI
makes one per command. Only the formatting is timed. Prints one JSON object:
{"parse": [seconds...], MODE: {"seconds": [...], "sha256": hex of the output}, ...}
"""
import copy
import hashlib
import io
import json
import sys
import time
from types import SimpleNamespace

from awscli.formatter import get_formatter


def main():
    path, runs, modes = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    with open(path, encoding='utf-8') as handle:
        text = handle.read()
    parse = []
    for _ in range(runs):
        started = time.perf_counter()
        document = json.loads(text)
        parse.append(time.perf_counter() - started)
    result = {'parse': parse}
    args = SimpleNamespace(query=None, color='off')
    for mode in modes:
        seconds = []
        output = ''
        for _ in range(runs):
            # The formatter deletes ResponseMetadata in place; each run gets the document whole.
            response = copy.deepcopy(document)
            formatter = get_formatter(mode, args)
            stream = io.StringIO()
            started = time.perf_counter()
            formatter('Scan', response, stream)
            seconds.append(time.perf_counter() - started)
            output = stream.getvalue()
        result[mode] = {'seconds': seconds, 'sha256': hashlib.sha256(output.encode('utf-8')).hexdigest()}
    json.dump(result, sys.stdout)


if __name__ == '__main__':
    main()
