import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTopicPack, REPO_ROOT } from '@rift/core';
import { REGISTRY_FILE } from '../registry/registry-file.ts';
import { buildRegistry } from '../registry/us-government-registry.ts';
import { ActorClassifier, stripAttribution } from './actor.ts';

const pack = loadTopicPack(path.join(REPO_ROOT, 'core/packs/tiktok-ban.json'));
const REGISTRIES = path.resolve(REPO_ROOT, '../shared/data/registries');
const classifier = new ActorClassifier(pack);
const who = (name: string) => classifier.classify({ name }).label;

describe('registry build', () => {
  it('builds the shipped registry file exactly from the congress-legislators files', () => {
    const shipped = JSON.parse(readFileSync(REGISTRY_FILE, 'utf8'));
    const built = buildRegistry(REGISTRIES, shipped.as_of);
    expect(JSON.parse(JSON.stringify(built))).toEqual(shipped);
    expect(built.counts.members).toBeGreaterThan(500);
    expect(built.handles).toContain('sentoddyoung');
    expect(built.handles).toContain('repthompson@mastodon.social');
    expect(built.domains).toContain('cantwell.senate.gov');
    expect(built.domains).toContain('agriculture.house.gov');
  });

  it('keeps only executives in office, only written handles, and both forms of a name', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rift-registry-'));
    writeFileSync(
      path.join(dir, 'legislators-current.yaml'),
      `- id: {bioguide: X000001}\n  name: {first: Ada, last: Quill, official_full: Ada B. Quill}\n  terms:\n  - {type: rep, start: '2023-01-03', end: '2027-01-03', url: 'https://quill.house.gov'}\n`,
    );
    writeFileSync(path.join(dir, 'legislators-social-media.yaml'), `- id: {bioguide: X000001}\n  social: {twitter: RepQuill, facebook: '123456789', instagram: repquill}\n`);
    writeFileSync(path.join(dir, 'committees-current.yaml'), `- type: house\n  name: House Committee on Tests\n  url: https://tests.house.gov/\n  twitter: HouseTests\n  subcommittees:\n  - {name: Fixtures, thomas_id: '01'}\n`);
    writeFileSync(
      path.join(dir, 'executive.yaml'),
      `- name: {first: Old, last: Chief}\n  terms:\n  - {type: prez, start: '2001-01-20', end: '2009-01-20'}\n- name: {first: New, last: Chief}\n  terms:\n  - {type: prez, start: '2025-01-20', end: '2029-01-20'}\n`,
    );
    const r = buildRegistry(dir, '2026-06-01');
    expect(r.as_of).toBe('2026-06-01');
    expect(r.handles).toEqual(['housetests', 'repquill']);
    expect(r.domains).toEqual(['quill.house.gov', 'tests.house.gov']);
    expect(r.people).toEqual([
      { names: ['Ada B. Quill', 'Ada Quill'], office: 'representative' },
      { names: ['New Chief'], office: 'president' },
    ]);
    expect(() => buildRegistry(path.join(dir, 'missing'))).toThrow(/legislators-current.yaml not found/);
  });
});

describe('actor from registries', () => {
  it('knows official handles and websites of members of Congress', () => {
    expect(classifier.classify({ handle: '@SenToddYoung' }).label).toBe('us_government');
    expect(classifier.classify({ handle: 'x', verified_domain: 'cantwell.senate.gov' }).label).toBe('us_government');
    expect(classifier.classify({ handle: 'x', verified_domain: 'https://www.agriculture.house.gov/about' }).label).toBe('us_government');
  });

  it('lets the pack registry win over the built one', () => {
    const edited = { ...pack, actor_registry: { ...pack.actor_registry, handles: { ...pack.actor_registry.handles, sentoddyoung: 'media' as const } } };
    expect(new ActorClassifier(edited).classify({ handle: 'SenToddYoung' }).label).toBe('media');
  });

  it('does not take a namesake for the official', () => {
    expect(who('Todd Young')).toBe('public');
    expect(who('Todd Young, Indianapolis dentist')).toBe('public');
    expect(who('Todd Young, senator from Indiana')).toBe('us_government');
  });
});

describe('actor from profiles', () => {
  it('reads offices and titles in English and Chinese', () => {
    expect(who('Sen. Josh Hawley (R-MO)')).toBe('us_government');
    expect(who('Gov. Kristi Noem')).toBe('us_government');
    expect(who('Indiana Attorney General Todd Rokita')).toBe('us_government');
    expect(who('FCC Commissioner Brendan Carr')).toBe('us_government');
    expect(who('U.S. Secretary of Commerce')).toBe('us_government');
    expect(who('美国参议员')).toBe('us_government');
  });

  it('reads ministries and state media as the foreign government', () => {
    expect(who('Wang Wenbin, Chinese Foreign Ministry spokesperson')).toBe('foreign_government');
    expect(who('中国商务部新闻发言人')).toBe('foreign_government');
    expect(who('Hu Xijin, editor-in-chief of Global Times')).toBe('foreign_government');
    expect(who('新华社记者')).toBe('foreign_government');
    expect(who('CGTN anchor')).toBe('foreign_government');
  });

  it('gives another country\'s office to the foreign government, and an office in a company to the company', () => {
    expect(who('Chinese Ambassador Xie Feng')).toBe('foreign_government');
    expect(who('EU Commissioner Thierry Breton')).toBe('foreign_government');
    expect(who('中国驻美大使')).toBe('foreign_government');
    expect(who('U.S. Ambassador Nicholas Burns')).toBe('us_government');
    expect(who('Microsoft President Brad Smith')).toBe('company');
    expect(who('Xiaohongshu official account')).toBe('company');
    expect(who('Pentagon spokesperson')).toBe('us_government');
    expect(who('RedNote blogger')).toBe('public');
  });

  it('matches cues with a possessive whichever apostrophe the profile uses', () => {
    for (const name of ["People's Daily", 'People’s Daily', "people's daily commentary"]) expect(who(name)).toBe('foreign_government');
  });

  it('reads company roles, and company names only with a role', () => {
    expect(who('TikTok spokesperson')).toBe('company');
    expect(who('Shou Zi Chew, TikTok CEO')).toBe('company');
    expect(who('字节跳动 ByteDance (official statement)')).toBe('company');
    expect(who('TikTok user')).toBe('public');
    expect(who('TikTok creator with 2M followers')).toBe('public');
  });

  it('reads newsrooms and columnists as media', () => {
    expect(who('Clifford D. May, Washington Times columnist')).toBe('media');
    expect(who('Tech reporter at a daily newspaper')).toBe('media');
    expect(who('The Guardian (news report)')).toBe('media');
    expect(who('联合早报评论')).toBe('media');
  });

  it('drops the attribution a page adds, and offices held before', () => {
    expect(stripAttribution('Twitter user (quoted by the Global Times)')).not.toMatch(/Global Times/);
    expect(who('Twitter user (quoted by the Global Times)')).toBe('public');
    expect(who('Li Haidong, professor at China Foreign Affairs University (to the Global Times)')).toBe('public');
    expect(who('Mike Pence, former US Vice President')).toBe('public');
    expect(who('Sen. Marco Rubio, as reported by Xinhua')).toBe('us_government');
  });
});
