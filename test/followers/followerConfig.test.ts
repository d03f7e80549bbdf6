import { ConfigError, loadConfig } from '../../src/config';

const FOLLOWER = 'postgres://u:p@follower.example.com:5432/d1';

describe('configuring a follower', () => {
  test('when DATABASE_FOLLOWER_URL is unset, then there is no follower and the max lag is 10 s', () => {
    expect(loadConfig({})).toMatchObject({ databaseFollowerUrl: undefined, followerMaxLagS: 10 });
  });

  test('when DATABASE_FOLLOWER_URL is a URL, then it is the follower', () => {
    const config = loadConfig({
      DATABASE_FOLLOWER_URL: FOLLOWER,
      DATABASE_FOLLOWER_MAX_LAG_S: '30',
    });

    expect(config).toMatchObject({ databaseFollowerUrl: FOLLOWER, followerMaxLagS: 30 });
  });

  test('when DATABASE_FOLLOWER_URL names the config var Heroku set, then that var’s URL is the follower', () => {
    const config = loadConfig({
      DATABASE_FOLLOWER_URL: 'HEROKU_POSTGRESQL_ROSE_URL',
      HEROKU_POSTGRESQL_ROSE_URL: FOLLOWER,
    });

    expect(config.databaseFollowerUrl).toBe(FOLLOWER);
  });

  test.each([
    ['names a config var that is not set', { DATABASE_FOLLOWER_URL: 'HEROKU_POSTGRESQL_ROSE_URL' }],
    ['is neither a URL nor a name', { DATABASE_FOLLOWER_URL: 'rose follower' }],
  ])('when DATABASE_FOLLOWER_URL %s, then loading fails and says what it must be', (_case, env) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(/DATABASE_FOLLOWER_URL must be a postgres:\/\/ URL/);
  });

  test('when the max lag is not a positive number, then loading fails', () => {
    expect(() => loadConfig({ DATABASE_FOLLOWER_MAX_LAG_S: '0' })).toThrow(
      /DATABASE_FOLLOWER_MAX_LAG_S/,
    );
  });
});
