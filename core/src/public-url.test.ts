import { describe, expect, it } from 'vitest';
import { loadConfig, publicUrl } from './config.ts';

describe('RIFT_PUBLIC_URL', () => {
  it('is where notification links point, without a trailing slash; unset, this instance on localhost', () => {
    expect(publicUrl(loadConfig({ RIFT_PUBLIC_URL: 'https://rift.example.org/news/' }))).toBe('https://rift.example.org/news');
    expect(publicUrl(loadConfig({ PORT: '9090' }))).toBe('http://localhost:9090');
  });

  it('refuses what links cannot be built on, naming the variable', () => {
    const refused = (value: string) => {
      try {
        loadConfig({ RIFT_PUBLIC_URL: value });
      } catch (err) {
        return (err as Error).message;
      }
      return 'accepted';
    };
    expect(refused('rift.example.org')).toMatch(/RIFT_PUBLIC_URL: "rift\.example\.org" is not a URL/);
    expect(refused('ftp://rift.example.org')).toMatch(/RIFT_PUBLIC_URL: must start with http:\/\/ or https:\/\//);
    expect(refused('https://rift.example.org/?a=1')).toMatch(/RIFT_PUBLIC_URL: must not hold a query/);
    expect(refused('https://user:pw@rift.example.org')).toMatch(/RIFT_PUBLIC_URL: must not hold a user name/);
  });
});
