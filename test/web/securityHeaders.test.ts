import request from 'supertest';
import { startTestApp, type TestApp } from '../support/testApp';

const HTTPS = { 'X-Forwarded-Proto': 'https' };

describe('security headers', () => {
  describe('in development and test', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(async () => {
      await t.close();
    });

    test.each(['/signin', '/no-such-page', '/healthz'])(
      'when %s is fetched, then the CSP forbids inline code and framing, and no referrer is sent',
      async (path) => {
        const res = await request(t.app).get(path);

        const csp = directives(res.headers['content-security-policy']);
        expect(csp.get('default-src')).toBe("'none'");
        expect(csp.get('script-src')).toBe("'self'");
        expect(csp.get('style-src')).toBe("'self'");
        expect(csp.get('frame-ancestors')).toBe("'none'");
        expect(csp.get('form-action')).toBe("'self'");
        expect(String(res.headers['content-security-policy'])).not.toContain('unsafe');
        expect(res.headers['referrer-policy']).toBe('no-referrer');
        expect(res.headers['x-frame-options']).toBe('DENY');
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['strict-transport-security']).toBeUndefined();
      },
    );
  });

  describe('in production', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ env: { NODE_ENV: 'production' } });
    });
    afterAll(async () => {
      await t.close();
    });

    test('when a page arrives over https, then HSTS is set and insecure requests are upgraded', async () => {
      const res = await request(t.app).get('/signin').set(HTTPS);

      expect(res.status).toBe(200);
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      const csp = directives(res.headers['content-security-policy']);
      expect(csp.has('upgrade-insecure-requests')).toBe(true);
      expect(csp.get('frame-ancestors')).toBe("'none'");
      expect(res.headers['referrer-policy']).toBe('no-referrer');
    });

    test('when a page is asked for over http, then it redirects to the same address over https', async () => {
      const res = await request(t.app)
        .get('/contacts?q=ada')
        .set('Host', 'contact-card.example.com')
        .set('X-Forwarded-Proto', 'http');

      expect(res.status).toBe(301);
      expect(res.headers.location).toBe('https://contact-card.example.com/contacts?q=ada');
    });

    test('when X-Forwarded-Host names another site, then the redirect still goes to the Host routed to', async () => {
      const res = await request(t.app)
        .get('/signin')
        .set('Host', 'contact-card.example.com')
        .set('X-Forwarded-Host', 'evil.example');

      expect(res.status).toBe(301);
      expect(res.headers.location).toBe('https://contact-card.example.com/signin');
    });

    test('when a form is posted over http, then it is refused rather than redirected', async () => {
      const res = await request(t.app).post('/signin').type('form').send({ password: 'x' });

      expect(res.status).toBe(403);
      expect(res.text).toContain('only accepts forms sent over https');
      expect(res.headers.location).toBeUndefined();
    });
  });
});

function directives(header: unknown): Map<string, string> {
  return new Map(
    String(header)
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .map(([name = '', ...values]) => [name, values.join(' ')]),
  );
}
