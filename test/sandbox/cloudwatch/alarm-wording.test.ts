/** How alarms word numbers and times: Java's Double.toString, CloudWatch's reason and JSON times. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { javaDouble, javaJson, jsonTime, reasonTime, regionName } from '../../../src/sandbox/services/cloudwatch/alarms/wording.js';

describe('alarm wording', () => {
  it('prints doubles as Java does', () => {
    assert.deepEqual([12, 0, -3.5, 99.83333333333333, 0.001, 1e-5, 0.0005, 1e7, 12345678.9].map(javaDouble),
      ['12.0', '0.0', '-3.5', '99.83333333333333', '0.001', '1.0E-5', '5.0E-4', '1.0E7', '1.23456789E7']);
  });

  it('writes reason times as dd/MM/yy HH:mm:ss and JSON times with +0000', () => {
    const at = Date.parse('2026-04-12T14:02:00Z');
    assert.equal(reasonTime(at), '12/04/26 14:02:00');
    assert.equal(jsonTime(at + 829), '2026-04-12T14:02:00.829+0000');
  });

  it('keeps the named numbers of a JSON document in Java\'s form', () => {
    assert.equal(javaJson({ period: 60, threshold: 10, recentDatapoints: [12, 0.5] }, new Set(['threshold', 'recentDatapoints'])),
      '{"period":60,"threshold":10.0,"recentDatapoints":[12.0,0.5]}');
  });

  it('names regions as notifications do', () => {
    assert.equal(regionName('us-east-1'), 'US East (N. Virginia)');
    assert.equal(regionName('ap-southeast-2'), 'Asia Pacific (Sydney)');
  });
});
