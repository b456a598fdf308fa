// Group names as officials read them (node --test, run by the build after the console bundle).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { groupName, learnNames, UNITS } from '../src/labels.js';

test('a role group reads as the role', () => {
  assert.equal(groupName('civil-affairs'), '民政局');
  assert.equal(groupName('district-office'), '区镇/街道办');
});

test('each of the 15 Kunshan units reads as its name, an unknown code as the code', () => {
  assert.equal(Object.keys(UNITS).length, 15);
  assert.equal(groupName('district-ZP'), '张浦镇（区镇/街道办）');
  assert.equal(groupName('district-TL'), '亭林城市管理片区（区镇/街道办）');
  for (const code of Object.keys(UNITS)) assert.match(groupName(`district-${code}`), new RegExp(UNITS[code]));
  assert.equal(groupName('district-XX'), '区镇/街道办 XX');
});

test('an organisation or station group reads with its name once known, with its id before', () => {
  assert.equal(groupName('provider-52320583MJ5000077X'), '服务机构 52320583MJ5000077X');
  assert.equal(groupName('evaluator-52320583MJ5000088X'), '第三方评估机构 52320583MJ5000088X');
  assert.equal(groupName('station-shaxi'), '社工站 shaxi');
  learnNames({ '52320583MJ5000077X': '昆山市新源社会工作服务社', shaxi: '沙溪镇社工站' });
  assert.equal(groupName('provider-52320583MJ5000077X'), '服务机构 昆山市新源社会工作服务社');
  assert.equal(groupName('station-shaxi'), '沙溪镇社工站');
  assert.equal(groupName('supervisor-shaxi'), '沙溪镇社工站督导');
  assert.equal(groupName('some-other-group'), 'some-other-group');
});
