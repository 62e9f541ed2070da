"""Writes test/output/query-cases.json: what jmespath.py 1.0.1 (the AWS CLI's) makes of
hand-picked expressions, seeded-random token strings and
seeded-random expressions from a small grammar (which mostly parse),, against one document of every JSON type.

For each expression: the compile error as `str(e)` (what follows `Bad value for --query
<expr>: `), or else the result as the CLI's json formatter prints it, or the evaluation
error as `str(e)`. Run with the interpreter the reference CLI uses:

    /usr/bin/python3 test/output/make-query-cases.py > test/output/query-cases.json
"""
import json
import random
import sys

import jmespath

assert jmespath.__version__ == '1.0.1', jmespath.__version__

DOCUMENT = '''{
  "a": {"b": {"c": [1, 2.0, -0.0, 1e20, 10000000000000000001, 0.1]}, "s": "text", "n": null},
  "list": [{"k": "x", "v": 3}, {"k": "y", "v": 1.5}, {"k": "Ω", "v": -2}, {"k": "😀", "v": 0}],
  "mixed": [1, "one", true, null, [2, 3], {"x": 1}, 2.5, false, ""],
  "strings": ["b", "a", "C", "ä", "～", "😀"],
  "nums": [3, 1.0, -7, 2.5, 0, 1e-7],
  "nested": [[1, [2]], [3], 4, [[5, 6]]],
  "obj": {"2": "two", "10": "ten", "x": {"y": true}, "e": {}, "l": []},
  "t": true, "f": false, "z": 0, "one": 1, "fone": 1.0, "empty": "", "nan": NaN, "inf": Infinity
}'''

HAND_PICKED = [
    '', ' ', 'a', 'a.b.c', 'a.b.c[0]', 'a.b.c[-1]', 'a.b.c[100]', 'a.b.c[1:3]', 'a.b.c[::-1]', 'a.b.c[::0]',
    'a.b.c[::2]', 'a.b.c[-100:100]', 'a.b.c[99999999999999999999:]', 'a.b.c[:-99999999999999999999:-1]',
    'a.b.c[0][1:2]', 'a.b.c[1:2][0]', 'list[*].k', 'list[].v', 'list[?v > `1`].k', 'list[?v >= `1.5`].k',
    "list[?k == 'x'].v", 'list[?k < `1`]', "list[?v < 'a']", 'list[?v <= `"a"`]', 'list[?k > `null`]',
    'sort_by(list, &k)[].k', 'sort_by(list, &v)[].v', 'max_by(list, &k)', 'min_by(list, &v)', 'max_by(mixed, &@)',
    'min_by(`[1, "a"]`, &@)', 'max_by(`[1, "a"]`, &@)', 'sort_by(mixed, &@)', 'sort(strings)', 'sort(nums)',
    'max(strings)', 'min(nums)', 'sum(nums)', 'avg(nums)', 'sum(`[]`)', 'avg(`[]`)', 'max(`[]`)',
    'sum(a.b.c)', 'avg(a.b.c)', 'max(a.b.c)', 'min(a.b.c)', 'abs(`-3`)', 'abs(`-3.0`)', 'ceil(`1.5`)',
    'floor(`-1.5`)', 'ceil(`2`)', 'floor(nan)', 'ceil(inf)', 'to_string(a)', 'to_string(strings)',
    'to_string(nan)', 'to_string(&a)', 'to_number(`"1_000"`)', "to_number(' 12 ')", "to_number('1e400')",
    "to_number('-inf')", "to_number('nan')", "to_number('0x10')", "to_number('1.')", "to_number('.5e1')",
    'to_number(t)', 'to_number(&a)', 'to_array(a.s)', 'to_array(nums)', 'type(z)', 'type(fone)', 'type(&a)',
    'length(strings[-1])', 'length(obj)', 'length(`5`)', 'length(&a)', 'reverse(strings[-1])', 'reverse(nums)',
    'keys(obj)', 'values(obj)', 'merge(obj, `{"2": 2}`)', 'merge(obj, a.s)', 'merge(obj, `[["k", 1]]`)',
    'merge(obj, `[[1, 2, 3]]`)', 'merge(obj, `[1]`)', 'merge(obj, `1`)', 'merge()', 'not_null()',
    'not_null(a.n, empty, z)', "join(', ', strings)", "join(', ', nums)", "join(`1`, strings)",
    "contains(strings, 'a')", 'contains(mixed, `1`)', 'contains(mixed, `true`)', 'contains(a.s, `1`)',
    "contains(a.s, 'ex')", "starts_with(a.s, 'te')", "ends_with(a.s, `1`)", 'map(&k, list)', 'map(&[k], list)',
    'map(k, list)', 'upper(a.s)', 'nope()', '[].nope()', 'z == `false`', 'one == t', 'fone == t', '[one] == [t]',
    '`[1]` == `[true]`', 'fone == one', 'a.b.c[4] == `10000000000000000000`', 'a.b.c[3] == `1e20`',
    'nan == nan', '!z', '!empty', '!nan', '!`[0]`', 't && f', 'z || one', 'empty || `"x"`', 'obj.e || obj.l',
    '*', '*.x', 'obj.*', 'obj.*.y', '@', '@.a', 'a.[s, n]', 'a.{s: s, n: n}', '{a: `1`, a: `2`}',
    '{"2": obj, "1": t}', 'obj', 'obj."2"', '"a"', '"a".b', 'mixed[]', 'nested[]', 'nested[][]', 'nested[].[0]',
    '[a, a]', '[list[0], list[0]]', 'mixed[?@]', 'mixed[?!@]', 'mixed[?@ == `1`]', 'a | b', 'a | [s]',
    '`{"c": 1.0}`', '`[1, 2.5, "x", null, true]`', '`foo`', '`  foo`', '`"a\\`b"`', "'it''s'", "'it\\'s'",
    "'\\\\n'", '`\\u00e9`', '"\\u00e9"', '"\\q"', '"\\u12"', '"a\tb"', '`{not json`', '`[1, 2`', '`"\\q"`',
    'a[', 'a[?', 'a[?b', 'a[?b]', 'a[?]', 'a[0', 'a[0:', 'a[0:1:2:3]', 'a[:a]', 'a[a]', 'a[*', 'a.', 'a..b',
    'a.1', 'a.[', 'a.{', 'a.{b', 'a.{b:', 'a.{b: c', 'a.{b c}', 'a.{"b": c}', 'a.{1: c}', '{', '}', '[', ']',
    '(', ')', '(a', 'a)', 'a(', 'a(b', 'a(b,', 'a(b c)', '"a"(b)', '@(a)', 'a.b(c)', '&', '&a', '!', '!a',
    'a !b', 'a ! b', 'a b', 'a,b', 'a:b', 'a | ', '| a', 'a || ', 'a &&', 'a & b', 'a == ', 'a = b', 'a =',
    '=', 'a != b', 'a <> b', 'a > < b', '-', '-a', 'a - b', '-1', '[-1]', '[-]', 'a[-]', '1', 'a[1]',
    '$', '$.a', 'a + b', 'a ? b : c', '#', 'a#', 'Tên', 'a.Tên', '"Tên"', '`', '``', "'", "''", '"', '""',
    'a[]]', 'a[]b', 'a[*]b', 'a[?b]c', 'a.*b', '*b', '*.', 'a[0]b', 'a.`1`', 'a.@', 'a.&b', '[?a', '[?a]',
    '[*]', '[*', '[]', '[]x', '[:]', '[::]', '[::-1]', '[0]', '[a', '[a,', '[a,]', '[,a]', '{a:b,}', '{,a:b}',
    'foo[?a==`1` && b==`2`]', 'length(a, a)', 'not_null(a,)', 'not_null(,)', 'sort_by(list, k)',
    'sort_by(list, &a)', 'sort_by(list, &[k])', 'sort_by(`[]`, &a)', 'max_by(list, &a)', 'min_by(`[]`, &a)',
    'list[?v > `1`] | [0].k', 'list[0:2].k', 'list[::-1].k', 'list[*].[k, v]', 'list[].{K: k}',
    'obj.x.y.z', 'mixed[4][0]', 'mixed[5].x', 'a.s[0]', 'a.s[0:2]', 'a.s[]', 'a.s.*', 'strings | [0]',
    'a\n.b', ' a . b ', '\ta', 'a\r', 'a\u00a0', 'a.b.c[0:2] | [1]', 'list[?k > `"x"`].k', "list[?k >= 'Ω'].k",
]

ATOMS = [
    'a', 'b', 'c', 's', 'list', 'mixed', 'k', 'v', 'obj', 'nums', 'strings', 'nested', 'x', '"a"', '"k"', '@',
    '*', '[]', '[0]', '[-1]', '[1:]', '[::-1]', '[*]', '.', '.', '.', '[', ']', '[?', '(', ')', '{', '}', ',',
    ':', '|', '||', '&&', '!', '==', '!=', '<', '<=', '>', '>=', '&', '`1`', '`"x"`', '`[1, 2.0]`', '`{"k": 1}`',
    "'x'", '1', '-1', '2', 'length(', 'sort(', 'sort_by(', 'max(', 'min_by(', 'to_string(', 'to_number(',
    'keys(', 'values(', 'sum(', 'abs(', 'type(', 'reverse(', 'contains(', 'join(', 'not_null(', 'map(', '&k',
    '&v', ' ', ' ', '-', '=', '$', '#', '"', '`', "'", '+',
]


def outcome(expression, data):
    try:
        compiled = jmespath.compile(expression)
    except Exception as error:
        return {'syntaxError': str(error)}
    try:
        result = compiled.search(data)
    except Exception as error:
        return {'error': str(error)}
    try:
        text = '' if result == {} else json.dumps(result, indent=4, ensure_ascii=False) + '\n'
    except TypeError as error:
        return {'error': str(error)}
    return {'json': text}


def random_expressions(count):
    rng = random.Random(20260501)
    seen = set()
    while len(seen) < count:
        expression = ''.join(rng.choice(ATOMS) for _ in range(rng.randint(1, 7)))
        seen.add(expression)
    return sorted(seen)


FIELDS = ['a', 'b', 'c', 's', 'n', 'list', 'mixed', 'k', 'v', 'x', 'y', 'obj', 'nums', 'strings', 'nested',
          't', 'f', 'z', 'one', 'fone', 'empty', 'nan', '"2"', '"10"', 'e', 'l']
LITERALS = ['`1`', '`1.0`', '`-0.0`', '`0`', '`true`', '`false`', '`null`', "'x'", "'Ω'", '`"a"`', '`[]`', '`{}`',
            '`[1, "a"]`', '`[2, 1.5]`', '`{"k": 2.0}`', '`1e20`', '`10000000000000000001`', "'1.50'", "' 7 '"]
FUNCTIONS = {
    'abs': 1, 'avg': 1, 'ceil': 1, 'contains': 2, 'ends_with': 2, 'floor': 1, 'join': 2, 'keys': 1, 'length': 1,
    'map': 2, 'max': 1, 'max_by': 2, 'merge': 2, 'min': 1, 'min_by': 2, 'not_null': 3, 'reverse': 1, 'sort': 1,
    'sort_by': 2, 'starts_with': 2, 'sum': 1, 'to_array': 1, 'to_number': 1, 'to_string': 1, 'type': 1, 'values': 1,
}


def grammar_expression(rng, depth):
    if depth <= 0:
        return rng.choice(FIELDS + LITERALS + ['@'])
    sub = lambda: grammar_expression(rng, depth - 1)
    choice = rng.randrange(14)
    if choice == 0:
        return rng.choice(FIELDS) + '.' + sub()
    if choice == 1:
        return sub() + '[%d]' % rng.randint(-3, 6)
    if choice == 2:
        parts = [rng.choice(['', str(rng.randint(-4, 4))]) for _ in range(3)]
        return sub() + '[%s:%s:%s]' % tuple(parts)
    if choice == 3:
        return sub() + rng.choice(['[*].', '[].', '.*.']) + rng.choice(FIELDS)
    if choice == 4:
        return sub() + '[]'
    if choice == 5:
        op = rng.choice(['==', '!=', '<', '<=', '>', '>='])
        return '%s[?%s %s %s]' % (rng.choice(FIELDS), sub(), op, grammar_expression(rng, 0))
    if choice == 6:
        name = rng.choice(sorted(FUNCTIONS))
        args = [('&' + sub()) if rng.random() < 0.3 else sub() for _ in range(FUNCTIONS[name])]
        return '%s(%s)' % (name, ', '.join(args))
    if choice == 7:
        return '[%s, %s]' % (sub(), sub())
    if choice == 8:
        return '{p: %s, q: %s}' % (sub(), sub())
    if choice == 9:
        return '%s | %s' % (sub(), sub())
    if choice == 10:
        return '%s %s %s' % (sub(), rng.choice(['||', '&&']), sub())
    if choice == 11:
        return '!' + sub()
    if choice == 12:
        return '(%s)' % sub()
    return '%s %s %s' % (sub(), rng.choice(['==', '!=', '<', '<=', '>', '>=']), sub())


def grammar_expressions(count):
    rng = random.Random(20260502)
    seen = set()
    while len(seen) < count:
        seen.add(grammar_expression(rng, rng.randint(1, 4)))
    return sorted(seen)


def main():
    data = json.loads(DOCUMENT)
    cases = [{'expression': e, **outcome(e, data)} for e in HAND_PICKED + random_expressions(2000) + grammar_expressions(2500)]
    # One case a line keeps the file small and its diffs readable.
    lines = [json.dumps(case, ensure_ascii=False) for case in cases]
    sys.stdout.write('{"document": %s,\n"cases": [\n%s\n]}\n' % (json.dumps(DOCUMENT, ensure_ascii=False), ',\n'.join(lines)))


main()
