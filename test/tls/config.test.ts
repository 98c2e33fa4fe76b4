import { describe, expect, it } from 'vitest';
import { configFromEnv } from '../../server/config.js';

describe('[S36] HTTPS in the configuration', () => {
  it('is off unless HTTPS=on, so a first `npm start` stays plain http on localhost', () => {
    expect(configFromEnv({}).https).toMatchObject({
      enabled: false,
      httpPort: 3080,
      hostName: null,
      validityDays: 397,
      renewWithinDays: 30,
    });
    expect(configFromEnv({ HTTPS: 'off' }).https.enabled).toBe(false);
    expect(configFromEnv({ HTTPS: 'on', HTTP_PORT: '8080', HTTPS_NAME: 'holdspace' }).https).toMatchObject({
      enabled: true,
      httpPort: 8080,
      hostName: 'holdspace',
    });
  });

  it('stops at a value it does not understand rather than guessing', () => {
    expect(() => configFromEnv({ HTTPS: 'yes' })).toThrow('HTTPS must be "on" or "off", not "yes"');
    expect(() => configFromEnv({ HTTPS: 'on', HTTP_PORT: 'eighty' })).toThrow('HTTP_PORT must be a port number');
  });
});
