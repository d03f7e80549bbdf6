import { startLoginEmulator } from '../../src/loginEmulator/startLoginEmulator';

describe('the login emulator’s production guard', () => {
  test('when asked to start in production, then it refuses and says why', async () => {
    const starting = startLoginEmulator({ env: 'production', clients: [] });

    await expect(starting).rejects.toThrow(
      'The Salesforce login emulator is for local development and tests only',
    );
  });
});
