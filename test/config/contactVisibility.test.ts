import { ConfigError, loadConfig } from '../../src/config';

const BASE = { NODE_ENV: 'test', LOG_LEVEL: 'silent' };

describe('CONTACT_VISIBILITY', () => {
  test('when it is not set, then everyone sees every record', () => {
    expect(loadConfig(BASE).contactVisibility).toBe('all');
  });

  test('when it is owner, then the config says so', () => {
    expect(loadConfig({ ...BASE, CONTACT_VISIBILITY: 'owner' }).contactVisibility).toBe('owner');
  });

  test('when it is anything else, then the start stops with a message naming it', () => {
    expect(() => loadConfig({ ...BASE, CONTACT_VISIBILITY: 'mine' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...BASE, CONTACT_VISIBILITY: 'mine' })).toThrow(
      /CONTACT_VISIBILITY: .*"all"\|"owner"/,
    );
  });
});
