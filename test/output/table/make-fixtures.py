"""Runs the AWS CLI's own TableFormatter over every input and writes what it prints.

    /usr/bin/python3 test/output/table/make-fixtures.py

writes cases.json (what to run) and expected/<case>.txt (stdout, or the exception message
the CLI would print on stderr), then random.json: seeded random documents, mixing every
shape, empty value and kind of character, each with what the CLI prints for it. The terminal width is set as the CLI's ioctl would find it;
with colour on, stdout is the colorama wrapper the CLI writes through, piped.
"""
import argparse
import io
import json
import os
import random
import sys
import unicodedata

from awscli.formatter import TableFormatter

HERE = os.path.dirname(os.path.abspath(__file__))

TITLES = {
    'describe-vpcs': 'DescribeVpcs',
    'describe-instances': 'DescribeInstances',
    'describe-auto-scaling-groups': 'DescribeAutoScalingGroups',
    'dynamodb-query': 'Query',
    'describe-replication-groups': 'DescribeReplicationGroups',
    'list-resolver-endpoints': 'ListResolverEndpoints',
    'long-title-short-body': 'DescribeVpcEndpointServiceConfigurations',
    'single-scalar-key': 'GetQueueUrl',
    'long-values': 'GetPolicy',
    'list-tables': 'ListTables',
}
REALISTIC = ['describe-vpcs', 'describe-instances', 'describe-auto-scaling-groups', 'dynamodb-query',
             'describe-replication-groups', 'list-resolver-endpoints']
ALL_WIDTHS = [40, 80, 120, 200]
EXTRA_WIDTHS = {
    'wide-chars': [20, 40, 80, 200],
    'wide-list': [20, 40, 80],
    'long-values': [40, 80, 120, 200],
    'many-columns': [40, 80, 120, 200],
    'long-title-short-body': [20, 80],
    'differing-keys-nested': [40, 80],
    'numbers': [40, 80],
}
COLOR = [('describe-vpcs', 80), ('describe-vpcs', 40), ('dynamodb-query', 80), ('wide-chars', 200), ('scalar-list', 80),
         ('top-string', 80), ('list-tables', 80)]


class Query:
    """Stands in for --query: the CLI drops ResponseMetadata from the response, then queries."""

    def __init__(self, result):
        self.result = result

    def search(self, _response):
        return self.result


def run(data, title, columns, color):
    real_stdout, real_stderr = sys.stdout, sys.stderr
    sys.stdout = io.StringIO()
    captured = sys.stdout
    try:
        formatter = TableFormatter(argparse.Namespace(color='on' if color else 'off', query=Query(data)))
        formatter.table._terminal_width = columns
        formatter(title, {'ResponseMetadata': {'RequestId': 'lab'}})
        return 'stdout', captured.getvalue()
    except Exception as error:
        return 'error', str(error)
    finally:
        sys.stdout, sys.stderr = real_stdout, real_stderr


WORDS = ['vpc-0f1e2d3c', 'Name', 'a', '', 'Hà Nội', '中文', '🚀', 'e\u0301', 'x' * 30, 'available', 'Ạnh', 'ＡＢ',
         'long value ' * 5, '0', 'None', 'x\u0378y', '☰ ䷀']
KEYS = ['Name', 'VpcId', 'State', 'Tags', 'Key', 'Value', 'Items', 'Count', 'Ｋ', 'Tên', 'a', 'B', 'Zeta', '_x']


def random_text(rng, low, high, length):
    # Only code points that Python 3.11 knows: for newer ones the CLI's repr() and Node's differ.
    chars = (chr(rng.randint(low, high)) for _ in range(length))
    return ''.join(c for c in chars if unicodedata.category(c) not in ('Cn', 'Cs'))


def random_scalar(rng):
    r = rng.random()
    if r < 0.1:
        return random_text(rng, 0x20, 0x10ffff if rng.random() < 0.3 else 0x2fff, rng.randint(1, 12))
    if r < 0.5:
        return rng.choice(WORDS)
    if r < 0.65:
        return rng.randint(-5, 10 ** rng.randint(1, 20))
    if r < 0.75:
        return rng.choice([0.0, 1.5, 2.0, 1e-7, 1e22, 3.14159])
    if r < 0.85:
        return rng.choice([True, False])
    return None


def random_key(rng):
    return rng.choice(KEYS) if rng.random() < 0.9 else random_text(rng, 0x20, 0x3000, rng.randint(0, 5))


def random_value(rng, depth):
    r = rng.random()
    if depth > 3 or r < 0.45:
        return random_scalar(rng)
    if r < 0.7:
        return {random_key(rng): random_value(rng, depth + 1) for _ in range(rng.randint(0, 5))}
    if r < 0.85:
        keys = [random_key(rng) for _ in range(rng.randint(1, 4))]
        return [{k: random_value(rng, depth + 1) if rng.random() < 0.3 else random_scalar(rng)
                 for k in keys if rng.random() < 0.85} or {'k': 1} for _ in range(rng.randint(1, 4))]
    if r < 0.9:
        return [random_scalar(rng) for _ in range(rng.randint(0, 4))]
    if r < 0.95:
        return [random_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    width = rng.randint(1, 3)
    return [[random_scalar(rng) for _ in range(width)] for _ in range(rng.randint(1, 3))]


def random_cases(count):
    rng = random.Random(20240501)
    cases = []
    while len(cases) < count:
        data = random_value(rng, 0) if rng.random() < 0.2 else {
            random_key(rng): random_value(rng, 1) for _ in range(rng.randint(1, 5))}
        case = {'document': json.dumps(data, ensure_ascii=False),
                'title': rng.choice(['DescribeVpcs', 'Q', 'DescribeVpcEndpointServiceConfigurations']),
                'columns': rng.choice([10, 20, 40, 80, 120, 200]), 'color': rng.random() < 0.2}
        case['outcome'], case['expected'] = run(data, case['title'], case['columns'], case['color'])
        # Huge tables add bytes to the repository, not coverage.
        if len(case['expected']) <= 4000:
            cases.append(case)
    return cases


def main():
    inputs = sorted(name[:-5] for name in os.listdir(os.path.join(HERE, 'inputs')) if name.endswith('.json'))
    os.makedirs(os.path.join(HERE, 'expected'), exist_ok=True)
    cases = []
    for name in inputs:
        widths = ALL_WIDTHS if name in REALISTIC else EXTRA_WIDTHS.get(name, [80])
        runs = [(width, False) for width in widths] + [(width, True) for n, width in COLOR if n == name]
        for width, color in runs:
            cases.append({'name': f'{name}.{width}{".color" if color else ""}', 'input': name,
                          'title': TITLES.get(name, 'TestOperation'), 'columns': width, 'color': color})
    for case in cases:
        with open(os.path.join(HERE, 'inputs', case['input'] + '.json'), encoding='utf-8') as f:
            data = json.load(f)
        case['outcome'], text = run(data, case['title'], case['columns'], case['color'])
        with open(os.path.join(HERE, 'expected', case['name'] + '.txt'), 'w', encoding='utf-8', newline='') as f:
            f.write(text)
    with open(os.path.join(HERE, 'cases.json'), 'w', encoding='utf-8') as f:
        json.dump(cases, f, indent=1)
        f.write('\n')
    randoms = random_cases(250)
    with open(os.path.join(HERE, 'random.json'), 'w', encoding='utf-8') as f:
        json.dump(randoms, f, ensure_ascii=False, indent=0)
        f.write('\n')
    print(f'{len(cases)} cases, {len(randoms)} random documents', file=sys.stderr)


main()
