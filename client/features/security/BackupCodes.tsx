/**
 * Backup codes, shown once: the server keeps them only encrypted and never shows them again.
 * Each signs in once when the authenticator app is not at hand.
 */
export function BackupCodes({ codes, onSaved }: { codes: string[]; onSaved: () => void | Promise<void> }) {
  return (
    <section className="section" aria-labelledby="backup-codes-heading">
      <h2 id="backup-codes-heading">Backup codes</h2>
      <p>Keep these somewhere safe, away from this device. Each one signs you in once. They are not shown again.</p>
      <ol className="card" aria-label="Backup codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <button type="button" className="button primary" onClick={() => void onSaved()}>
        I have saved these codes
      </button>
    </section>
  );
}
