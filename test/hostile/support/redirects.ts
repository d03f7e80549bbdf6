import fc from 'fast-check';
import { hostileText, hostileValue } from './arbitraries';
import type { FormValue } from './forms';

/** The only places a redirect may send someone: a path on this site. */
export const SAME_SITE = /^\/(?![/\\])/;

/** Redirect targets an attacker would try, and paths a person would follow. */
export const redirectTarget: fc.Arbitrary<FormValue> = fc.oneof(
  { arbitrary: hostileValue, weight: 3 },
  {
    arbitrary: fc.constantFrom(
      '//evil.example',
      '/\\evil.example',
      '\\\\evil.example',
      'https://evil.example/',
      'javascript:alert(1)',
      '/%2F%2Fevil.example',
      '/\t/evil.example',
      ' /contacts',
      '/contacts?q=<script>',
      '/contacts/003X',
      '/',
    ),
    weight: 2,
  },
  { arbitrary: hostileText.map((text) => `/${text}`), weight: 2 },
);
