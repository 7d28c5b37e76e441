import { describe, expect, it } from 'vitest';
import { readConfig } from './config.ts';

describe('readConfig', () => {
  it('has working defaults', () => {
    const config = readConfig({});
    expect(config).toMatchObject({ port: 4321, host: 'localhost', store: 'lowdb', publicUrl: 'http://localhost:4321', seedDemo: false, signInAttemptsPerMinute: 5 });
    expect(config.dataDir).toBe(`${process.cwd()}/.data`);
  });

  it('reads every variable', () => {
    const config = readConfig({ PORT: '8080', HOST: '0.0.0.0', DATA_DIR: '/srv/peerpath', STORE: 'memory', PUBLIC_URL: 'https://peers.example/', SEED_DEMO: '1', SIGN_IN_ATTEMPTS_PER_MINUTE: '10' });
    expect(config).toMatchObject({ port: 8080, host: '0.0.0.0', dataDir: '/srv/peerpath', store: 'memory', publicUrl: 'https://peers.example', seedDemo: true, signInAttemptsPerMinute: 10 });
  });

  it('names every invalid variable and says where to look', () => {
    expect(() => readConfig({ PORT: 'eighty', STORE: 'mysql', AUTH_SECRET: 'short' })).toThrow(/PORT[\s\S]*STORE[\s\S]*AUTH_SECRET must be at least 32 characters[\s\S]*README\.md/);
  });
});
