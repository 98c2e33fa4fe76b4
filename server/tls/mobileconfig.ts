import crypto from 'node:crypto';

/**
 * An iOS/iPadOS configuration profile that installs `caDer` as a trusted root
 * (payload type com.apple.security.root). Its identifiers are derived from the certificate, so
 * downloading it twice gives the same profile, which iOS then replaces rather than duplicates.
 */
export function mobileConfig(caDer: Buffer, serverName: string): string {
  const digest = crypto.createHash('sha256').update(caDer).digest('hex');
  const uuid = (salt: string) => {
    const hex = crypto
      .createHash('sha256')
      .update(salt + digest)
      .digest('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`.toUpperCase();
  };
  const name = escapeXml(`Holdspace on ${serverName}`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>PayloadContent</key>
  <array>
    <dict>
      <key>PayloadCertificateFileName</key><string>holdspace-ca.crt</string>
      <key>PayloadContent</key><data>${caDer.toString('base64')}</data>
      <key>PayloadDescription</key><string>The certificate authority of this clinic's Holdspace server.</string>
      <key>PayloadDisplayName</key><string>${name} (local CA)</string>
      <key>PayloadIdentifier</key><string>org.holdspace.ca.${digest.slice(0, 16)}</string>
      <key>PayloadType</key><string>com.apple.security.root</string>
      <key>PayloadUUID</key><string>${uuid('ca')}</string>
      <key>PayloadVersion</key><integer>1</integer>
    </dict>
  </array>
  <key>PayloadDescription</key><string>Lets this device open ${name} over a secure connection.</string>
  <key>PayloadDisplayName</key><string>${name}</string>
  <key>PayloadIdentifier</key><string>org.holdspace.trust.${digest.slice(0, 16)}</string>
  <key>PayloadRemovalDisallowed</key><false/>
  <key>PayloadType</key><string>Configuration</string>
  <key>PayloadUUID</key><string>${uuid('profile')}</string>
  <key>PayloadVersion</key><integer>1</integer>
</dict>
</plist>
`;
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
