import { describe, expect, it } from 'vitest';
import { assertPublicUrl } from '../../crawler/url-guard.js';
import { SourceRejectedError, SourceUnavailableError } from '../../lib/errors.js';
import { noteReliability } from '../support/reliability.js';

// Public names cannot be resolved on this closed machine: answers are given per name (a condition we
// cannot produce locally). Literal addresses and localhost go through the real parser and resolver.
const ANSWERS: Record<string, string[]> = {
  'public.test': ['93.184.215.14'],
  'rebind.test': ['93.184.215.14', '127.0.0.1'],
  'internal.test': ['10.1.2.3'],
  'mapped.test': ['::ffff:127.0.0.1'],
};
const options = {
  allowedTestHosts: ['127.0.0.1:8081'],
  resolve: async (name: string) => {
    if (name === 'localhost') return ['127.0.0.1'];
    const answer = ANSWERS[name];
    if (!answer) throw new Error(`ENOTFOUND ${name}`);
    return answer;
  },
};

const rejectionOf = async (url: string) => {
  try {
    await assertPublicUrl(url, options);
  } catch (error) {
    expect(error).toBeInstanceOf(SourceRejectedError);
    return (error as Error).message;
  }
  throw new Error(`${url} was allowed`);
};

const REFUSED_SCHEMES: [string, string][] = [
    ['file:///etc/passwd', 'scheme not allowed: file'],
  ['gopher://public.test/', 'scheme not allowed: gopher'],
  ['dict://public.test:11211/', 'scheme not allowed: dict'],
  ['ftp://public.test/', 'scheme not allowed: ftp'],
  ['data:text/html,<script>alert(1)</script>', 'scheme not allowed: data'],
  ['javascript:alert(1)', 'scheme not allowed: javascript'],
  ['ws://public.test/', 'scheme not allowed: ws'],
  ['chrome://settings', 'scheme not allowed: chrome'],
  ['view-source:http://public.test/', 'scheme not allowed: view-source'],
  ['blob:http://public.test/uuid', 'scheme not allowed: blob'],
];

const LOCAL_ADDRESSES: [string, string][] = [
    ['http://127.0.0.1/', '127.0.0.1'],
  ['http://[::1]/', '::1'],
  ['http://0x7f000001/', '127.0.0.1'],
  ['http://2130706433/', '127.0.0.1'],
  ['http://017700000001/', '127.0.0.1'],
  ['http://127.1/', '127.0.0.1'],
  ['http://0/', '0.0.0.0'],
  ['http://[::ffff:127.0.0.1]/', '::ffff:7f00:1'],
  ['http://169.254.169.254/latest/meta-data/', '169.254.169.254'],
  ['http://10.0.0.1/', '10.0.0.1'],
  ['http://172.16.0.1/', '172.16.0.1'],
  ['http://192.168.1.1/', '192.168.1.1'],
  ['http://100.64.0.1/', '100.64.0.1'],
  ['http://[fc00::1]/', 'fc00::1'],
  ['http://[fe80::1]/', 'fe80::1'],
  ['http://localhost/', '127.0.0.1'],
  ['http://internal.test/', '10.1.2.3'],
  ['http://rebind.test/', '127.0.0.1'],
  ['http://mapped.test/', '::ffff:127.0.0.1'],
  ['http://127.0.0.1#@public.test/', '127.0.0.1'],
];

const OTHER_REFUSALS: [string, string][] = [
    ['http://public.test@127.0.0.1/', 'credentials in URLs are not allowed: 127.0.0.1'],
  ['http://127.0.0.1:6379/', 'port not allowed: 6379 (only 80 for http)'],
  ['https://public.test:8443/', 'port not allowed: 8443 (only 443 for https)'],
  ['http://no-such-name.test/', 'no-such-name.test does not resolve: ENOTFOUND no-such-name.test'],
  ['not a url', 'not a valid URL: "not a url"'],
];

describe('SSRF guard', () => {
  it('when the guard is tried, then the corpus covers schemes, address encodings and URL tricks', ({ task }) => {
    const tried = REFUSED_SCHEMES.length + LOCAL_ADDRESSES.length + OTHER_REFUSALS.length;
    expect(tried).toBeGreaterThanOrEqual(35);
    noteReliability(task, { kind: 'bad-inputs', family: 'SSRF', tried });
  });

  it.each(REFUSED_SCHEMES)('when %s is given, then it is refused: %s', async (url, message) => {
    expect(await rejectionOf(url)).toBe(message);
  });

  it.each(LOCAL_ADDRESSES)('when %s is given, then it is refused naming the address %s', async (url, address) => {
    expect(await rejectionOf(url)).toMatch(new RegExp(`^blocked: .* resolves to [a-zA-Z]+ address ${address.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
  });

  it.each(OTHER_REFUSALS)('when %s is given, then it is refused: %s', async (url, message) => {
    expect(await rejectionOf(url)).toBe(message);
  });

  it('when a public name is given, then it passes with the address to pin', async () => {
    await expect(assertPublicUrl('https://public.test/groupe?id=1', options)).resolves.toMatchObject({ address: '93.184.215.14' });
  });

  it('when the resolver fails for now, then the URL is neither refused nor allowed: the error is transient and names the code', async () => {
    const failing = (code: string) => ({
      ...options,
      resolve: async (name: string): Promise<string[]> => {
        throw Object.assign(new Error(`getaddrinfo ${code} ${name}`), { code });
      },
    });

    const timedOut = assertPublicUrl('https://groupes.test/anciens', failing('EAI_AGAIN'));
    const unknownName = assertPublicUrl('https://groupes.test/anciens', failing('ENOTFOUND'));

    await expect(timedOut).rejects.toThrow(SourceUnavailableError);
    await expect(timedOut).rejects.toThrow('groupes.test: name resolution failed for now (EAI_AGAIN); will try again');
    await expect(unknownName).rejects.toThrow(SourceRejectedError);
    await expect(unknownName).rejects.toThrow('groupes.test does not resolve: getaddrinfo ENOTFOUND groupes.test');
  });

  it('when a loopback fixture is on the explicit test allowlist, then it passes; other ports do not', async () => {
    await expect(assertPublicUrl('http://127.0.0.1:8081/page', options)).resolves.toMatchObject({ address: '127.0.0.1' });
    expect(await rejectionOf('http://127.0.0.1:8082/page')).toBe('port not allowed: 8082 (only 80 for http)');
  });
});
