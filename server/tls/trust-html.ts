/** Values for the page, already escaped for HTML. */
export interface TrustPageValues {
  pageQr: string;
  pageUrl: string;
  secureQr: string;
  secureUrl: string;
  fingerprint: string;
  serverName: string;
}

/**
 * The "Trust this server" page. Plain HTML and one stylesheet: it must open on any tablet before
 * that tablet trusts anything, and the CSP allows no inline script or style.
 */
export function trustHtml(v: TrustPageValues): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Trust this server · Holdspace</title>
<link rel="stylesheet" href="/trust/trust.css">
</head>
<body>
<main>
<h1>Trust this server</h1>
<p>Holdspace on <strong>${v.serverName}</strong> makes its own certificate, so that screens stay awake during a
session and nothing crosses the clinic's Wi-Fi in the clear. Each tablet, phone and computer has to trust it
once. It takes a few minutes per device.</p>

<section aria-labelledby="get">
<h2 id="get">1. Get the certificate on the device</h2>
<p>On a tablet or phone, scan this code with the camera to open this page there:</p>
<img class="qr" src="${v.pageQr}" alt="QR code for ${v.pageUrl}" width="200" height="200">
<p class="address">${v.pageUrl}</p>
<ul class="downloads">
<li><a href="/trust/holdspace-ca.crt" download>Download the certificate</a> (Android, Windows, macOS)</li>
<li><a href="/trust/holdspace.mobileconfig" download>Download the profile</a> (iPad and iPhone, in Safari)</li>
</ul>
<p>Before you trust it, check that the device shows this SHA-256 fingerprint:</p>
<p class="fingerprint">${v.fingerprint}</p>
</section>

<section aria-labelledby="steps">
<h2 id="steps">2. Trust it</h2>
<h3>iPad and iPhone</h3>
<ol>
<li>In Safari, tap <em>Download the profile</em>, then <em>Allow</em>.</li>
<li>Open Settings, tap <em>Profile Downloaded</em> (or General → VPN &amp; Device Management), then <em>Install</em>, enter the passcode, and <em>Install</em> again.</li>
<li>Settings → General → About → Certificate Trust Settings: under “Enable full trust for root certificates”, turn on the Holdspace certificate and tap <em>Continue</em>.</li>
</ol>
<h3>Android</h3>
<ol>
<li>Tap <em>Download the certificate</em>.</li>
<li>Open Settings → Security (and privacy) → More security settings → Encryption &amp; credentials → Install a certificate → CA certificate, tap <em>Install anyway</em>, and pick <code>holdspace-ca.crt</code> from Downloads.</li>
<li>Confirm with the screen lock. (The menu names differ a little between makers; search Settings for “CA certificate”.)</li>
</ol>
<h3>Windows</h3>
<ol>
<li>Download the certificate and open it, then <em>Install Certificate…</em> → Current User.</li>
<li>Choose <em>Place all certificates in the following store</em> → Browse → Trusted Root Certification Authorities → Next → Finish, and <em>Yes</em> to the warning.</li>
<li>Close every browser window and start the browser again.</li>
</ol>
<h3>macOS</h3>
<ol>
<li>Download the certificate and open it: Keychain Access adds it to the login keychain.</li>
<li>In Keychain Access, double-click “Holdspace local CA”, open <em>Trust</em>, set “When using this certificate” to <em>Always Trust</em>, close the window and enter your password.</li>
</ol>
</section>

<section aria-labelledby="open">
<h2 id="open">3. Open the secure address</h2>
<img class="qr" src="${v.secureQr}" alt="QR code for ${v.secureUrl}" width="200" height="200">
<p class="address"><a href="${v.secureUrl}">${v.secureUrl}</a></p>
<p>Use this address from now on; on a tablet, add it to the home screen. The plain http address only leads here.</p>
</section>
</main>
</body>
</html>
`;
}

export const TRUST_CSS = `body { font: 1rem/1.5 system-ui, sans-serif; margin: 0; color: #1d2327; background: #fbfaf7; }
main { max-width: 42rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.75rem; } h2 { font-size: 1.3rem; margin-top: 2rem; } h3 { font-size: 1.05rem; margin-bottom: 0.25rem; }
.qr { display: block; width: 200px; height: 200px; background: #fff; }
.address, .fingerprint { font-family: ui-monospace, monospace; word-break: break-all; }
.downloads a { font-weight: 600; }
a { color: #0b5d8a; }
@media (prefers-color-scheme: dark) { body { color: #e8e6e1; background: #1b1d1f; } a { color: #7cc4f0; } }
`;
