/**
 * The filter-pattern matcher against the examples of AWS's documentation page "Filter
 * pattern syntax for metric filters, subscription filters, filter log events, and Live Tail"
 * (docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html): its
 * unstructured, JSON and space-delimited examples, with the events the page matches them to.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileFilterPattern, FilterPatternError, wildcardEquals } from '../../../src/sandbox/services/cloudwatch-logs/filter-pattern.js';

const matching = (pattern: string, events: readonly string[]) => events.filter(compileFilterPattern(pattern));

// The page's unstructured example events.
const UNSTRUCTURED = [
  '[ERROR 400] BAD REQUEST',
  '[ERROR 401] UNAUTHORIZED REQUEST',
  '[ERROR 419] MISSING ARGUMENTS',
  '[ERROR 420] INVALID ARGUMENTS',
];

describe('terms in unstructured events', () => {
  it('an empty pattern matches every event', () => {
    assert.deepEqual(matching('', UNSTRUCTURED), UNSTRUCTURED);
    assert.deepEqual(matching('   ', UNSTRUCTURED), UNSTRUCTURED);
  });

  it('one term, and several terms that must all appear', () => {
    assert.deepEqual(matching('ERROR', UNSTRUCTURED), UNSTRUCTURED);
    assert.deepEqual(matching('ERROR ARGUMENTS', UNSTRUCTURED), UNSTRUCTURED.slice(2));
  });

  it('? alternatives match any of the terms', () => {
    assert.deepEqual(matching('?ERROR ?ARGUMENTS', ['[ERROR] x', 'MISSING ARGUMENTS', 'fine']), ['[ERROR] x', 'MISSING ARGUMENTS']);
  });

  it('a quoted phrase matches exactly, and - excludes terms', () => {
    assert.deepEqual(matching('"INVALID ARGUMENTS"', UNSTRUCTURED), [UNSTRUCTURED[3]]);
    assert.deepEqual(matching('ERROR -"INVALID ARGUMENTS"', UNSTRUCTURED), UNSTRUCTURED.slice(0, 3));
    assert.deepEqual(matching('ERROR -ARGUMENTS', UNSTRUCTURED), UNSTRUCTURED.slice(0, 2));
  });

  it('matches case-sensitively', () => {
    assert.deepEqual(matching('error', UNSTRUCTURED), []);
  });
});

describe('JSON patterns', () => {
  // The page's JSON example event.
  const event = JSON.stringify({
    eventType: 'UpdateTrail',
    sourceIPAddress: '111.111.111.111',
    arrayKey: ['value', 'another value'],
    objectList: [{ name: 'a', id: 1 }, { name: 'b', id: 2 }],
    SomeObject: null,
    cluster: { instance: 'i-1', status: 'ok' },
    ThisFlag: true,
    latency: 50,
  });
  const matches = (pattern: string) => compileFilterPattern(pattern)(event);

  it('compares strings with = and !=, quoted or not, with * wildcards', () => {
    assert.ok(matches('{ $.eventType = "UpdateTrail" }'));
    assert.ok(matches('{ $.eventType = UpdateTrail }'));
    assert.ok(!matches('{ $.eventType != "UpdateTrail" }'));
    assert.ok(matches('{ $.sourceIPAddress = 111.111.* }') || matches('{ $.sourceIPAddress = "111.111.*" }'));
    assert.ok(matches('{ $.sourceIPAddress != 123.123.* }'));
  });

  it('reads arrays and nested objects', () => {
    assert.ok(matches('{ $.arrayKey[0] = "value" }'));
    assert.ok(matches('{ $.objectList[1].id = 2 }'));
    assert.ok(matches('{ $.cluster.status = "ok" }'));
  });

  it('compares numbers, booleans and nulls, and checks existence', () => {
    assert.ok(matches('{ $.latency > 40 }'));
    assert.ok(!matches('{ $.latency < 40 }'));
    assert.ok(matches('{ $.latency >= 50 && $.latency <= 50 }'));
    assert.ok(matches('{ $.ThisFlag IS TRUE }'));
    assert.ok(matches('{ $.SomeObject IS NULL }'));
    assert.ok(matches('{ $.SomeOtherObject NOT EXISTS }'));
    assert.ok(!matches('{ $.SomeObject NOT EXISTS }'));
  });

  it('joins conditions with && and ||, in parentheses', () => {
    assert.ok(matches('{ ($.eventType = "UpdateTrail") && ($.latency > 10) }'));
    assert.ok(matches('{ $.eventType = "Nope" || $.latency = 50 }'));
    assert.ok(!matches('{ ($.eventType = "Nope" || $.latency = 51) && $.ThisFlag IS TRUE }'));
  });

  it('does not match events that are not JSON, and refuses malformed patterns', () => {
    assert.equal(compileFilterPattern('{ $.level = "ERROR" }')('level=ERROR'), false);
    assert.throws(() => compileFilterPattern('{ level = "ERROR" }'), FilterPatternError);
    assert.throws(() => compileFilterPattern('{ $.level = "ERROR"'), FilterPatternError);
    assert.throws(() => compileFilterPattern('{ $.level > "ERROR" }'), FilterPatternError);
  });
});

describe('space-delimited patterns', () => {
  // The page's example: a web server's common log format.
  const LINES = [
    '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /apache_pb.gif HTTP/1.0" 200 1534',
    '127.0.0.1 - frank [10/Oct/2000:13:35:22 -0700] "GET /apache_pb.gif HTTP/1.0" 500 5324',
    '127.0.0.1 - frank [10/Oct/2000:13:50:35 -0700] "GET /apache_pb.gif HTTP/1.0" 200 4355',
    '10.0.0.9 - alice [10/Oct/2000:13:51:00 -0700] "POST /login HTTP/1.0" 404 12',
  ];

  it('names every field, with conditions on some', () => {
    assert.deepEqual(matching('[ip, user, username, timestamp, request, status_code, bytes]', LINES), LINES);
    assert.deepEqual(matching('[ip, user, username, timestamp, request, status_code=500, bytes]', LINES), [LINES[1]]);
    assert.deepEqual(matching('[ip, user, username, timestamp, request, status_code=4*, bytes]', LINES), [LINES[3]]);
    assert.deepEqual(matching('[ip, user, username, timestamp, request, status_code, bytes > 4000]', LINES), [LINES[1], LINES[2]]);
  });

  it('quoted and bracketed text is one field; a quoted literal matches it', () => {
    assert.deepEqual(matching('[ip, user, username, timestamp, request="POST /login HTTP/1.0", status_code, bytes]', LINES), [LINES[3]]);
    assert.deepEqual(matching('[ip, user, username="alice", ...]', LINES), [LINES[3]]);
  });

  it('... stands for any number of fields', () => {
    assert.deepEqual(matching('[..., status_code=500, bytes]', LINES), [LINES[1]]);
    assert.deepEqual(matching('[ip=10.*, ...]', LINES), [LINES[3]]);
    assert.deepEqual(matching('[ip, ..., bytes<100]', LINES), [LINES[3]]);
    assert.deepEqual(matching('[ip, user, username]', LINES), [], 'fewer fields and no ... match nothing');
  });

  it('joins conditions on a field with && and ||', () => {
    assert.deepEqual(matching('[..., status_code=404 || status_code=500, bytes]', LINES), [LINES[1], LINES[3]]);
    assert.deepEqual(matching('[..., status_code>=200 && status_code<300, bytes]', LINES), [LINES[0], LINES[2]]);
  });
});

describe('matching stays linear', () => {
  it('wildcards find their pieces left to right', () => {
    assert.ok(wildcardEquals('abcabc', 'a*c*c'));
    assert.ok(!wildcardEquals('abcab', 'a*c*c'));
    assert.ok(wildcardEquals('x', '*'));
    assert.ok(!wildcardEquals('ab', 'a*b*b'));
  });

  it('a pathological pattern on a long event returns', () => {
    const event = 'a'.repeat(100_000);
    assert.equal(compileFilterPattern(`{ $.x = "${'a*'.repeat(50)}b" }`)(JSON.stringify({ x: event })), false);
    assert.equal(compileFilterPattern(`[${'..., '.repeat(20)}x=b]`)(Array(2_000).fill('a').join(' ')), false);
  });

  it('a regular expression that would backtrack elsewhere runs as an NFA', () => {
    assert.equal(compileFilterPattern(`%${'a*'.repeat(30)}b%`)('a'.repeat(20_000)), false);
    assert.equal(compileFilterPattern('%a{1000}b%')('a'.repeat(5_000)), false);
  });
});

// The page's section "Supported regular expressions (regex) syntax": its operators and examples.
describe('regular expressions', () => {
  const REQUESTS = ['[ERROR 401] UNAUTHORIZED REQUEST', '[SUCCESS 200] AUTHORIZED REQUEST', '[ERROR 500] TIMEOUT'];

  it('match anywhere in an unstructured event: %AUTHORIZED%, %ERROR|WARN%', () => {
    assert.deepEqual(matching('%AUTHORIZED%', REQUESTS), REQUESTS.slice(0, 2));
    assert.deepEqual(matching('%ERROR|WARN%', ['a WARN', 'an ERROR', 'INFO']), ['a WARN', 'an ERROR']);
    assert.deepEqual(matching('%[Ee]rror|[Ff]ail%', ['Error', 'error', 'failed', 'ok']), ['Error', 'error', 'failed']);
  });

  it('^ and $ anchor at the start and the end', () => {
    assert.deepEqual(matching('%^[hc]at%', ['hat trick', 'cat', 'a hat']), ['hat trick', 'cat']);
    assert.deepEqual(matching('%[hc]at$%', ['a cat', 'hat', 'cats']), ['a cat', 'hat']);
  });

  it('?, *, + and {m,n} repeat the atom before them; . is any character', () => {
    assert.deepEqual(matching('%colou?r%', ['color', 'colour', 'colouur']), ['color', 'colour']);
    assert.deepEqual(matching('%^a{3,5}$%', ['aa', 'aaa', 'aaaaa', 'aaaaaa']), ['aaa', 'aaaaa']);
    assert.deepEqual(matching('%^a{2}$%', ['a', 'aa', 'aaa']), ['aa']);
    assert.deepEqual(matching('%^a{2,}$%', ['a', 'aa', 'aaaa']), ['aa', 'aaaa']);
    assert.deepEqual(matching('%ab+c%', ['ac', 'abc', 'abbbc']), ['abc', 'abbbc']);
    assert.deepEqual(matching('%ab*c%', ['ac', 'abbbc', 'adc']), ['ac', 'abbbc']);
    assert.deepEqual(matching('%^a.c$%', ['abc', 'a-c', 'ac']), ['abc', 'a-c']);
  });

  it('classes, ranges, escapes and \\d \\w \\s', () => {
    assert.deepEqual(matching('%[abcx-z]%', ['y', 'd', 'b']), ['y', 'b']);
    assert.deepEqual(matching('%\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}%', ['from 10.0.0.1', 'from 10.0.x.1']), ['from 10.0.0.1']);
    assert.deepEqual(matching('%\\[ERROR%', REQUESTS), [REQUESTS[0], REQUESTS[2]]);
    assert.deepEqual(matching('%^\\w+\\s\\d%', ['ab 1', 'ab x']), ['ab 1']);
    assert.deepEqual(matching('%\\x28%', ['f(x)', 'fx']), ['f(x)'], '\\xHH spells a character the syntax does not allow');
  });

  it('are case-sensitive', () => {
    assert.deepEqual(matching('%error%', REQUESTS), []);
  });

  it('compare a JSON property or a space-delimited field', () => {
    const events = ['{"level":"ERROR"}', '{"level":"ERR_TIMEOUT"}', '{"level":"INFO"}'];
    assert.deepEqual(matching('{ $.level = %ERR.*% }', events), events.slice(0, 2));
    assert.deepEqual(matching('{ $.level != %^ERR% }', events), [events[2]]);
    assert.deepEqual(matching('[w1=%ERROR|WARN%, w2]', ['ERROR message', 'WARN message', 'INFO message']), ['ERROR message', 'WARN message']);
    assert.deepEqual(matching('[..., status=%^4\\d{2}$%, bytes]', ['GET / 404 12', 'GET / 200 12', 'GET / 4040 1']), ['GET / 404 12']);
    assert.deepEqual(matching('[a, b=%x{1,2}%]', ['1 xx', '1 y']), ['1 xx'], 'a comma inside a regex does not split fields');
  });

  it('refuses what the syntax does not allow', () => {
    for (const pattern of ['%something!%', '%(a|b)%', '%ERROR [0-9]+%', '%é%', '%%', '%a{5,2}%', '%[a%', '%*a%', '%a\\q%', '%a^b%']) {
      assert.throws(() => compileFilterPattern(pattern), FilterPatternError, pattern);
    }
    assert.throws(() => compileFilterPattern('{ $.a = %x% || $.b = %y% || $.c = %z% }'), /at most 2 regular expressions/);
    assert.throws(() => compileFilterPattern('[a=%x%, b=%y%, c=%z%]'), /at most 2 regular expressions/);
    assert.throws(() => compileFilterPattern('{ $.a > %1% }'), FilterPatternError);
  });
});
