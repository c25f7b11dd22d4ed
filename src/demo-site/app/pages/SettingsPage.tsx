import { useState } from 'react';
import { linkAccount } from '../analytics';
import { Icon } from '../components/Icon';
import { useSession } from '../session';
import { userIdForEmail } from '../userId';

export function SettingsPage() {
  const session = useSession();
  const [linkedAs, setLinkedAs] = useState<string | null>(null);

  function handleLink() {
    if (!session) return;
    // The help desk knows this person under its own id; alias merges the two in analytics.
    const helpdeskId = `helpdesk_${userIdForEmail(session.user.email).slice('usr_'.length)}`;
    linkAccount(helpdeskId);
    setLinkedAs(helpdeskId);
  }

  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Settings</h1>
          <p className="muted">Your profile, connected tools and notifications.</p>
        </div>
      </header>

      <div className="settings-grid">
        <section className="card">
          <h2 className="card-title">Profile</h2>
          <form className="form" onSubmit={(event) => event.preventDefault()}>
            <label className="field">
              <span>Name</span>
              <input name="name" type="text" defaultValue={session?.user.name ?? ''} key={session?.user.email} />
            </label>
            <label className="field">
              <span>Email</span>
              <input name="email" type="email" value={session?.user.email ?? ''} readOnly />
            </label>
            <label className="field">
              <span>Role</span>
              <select name="role" defaultValue="admin">
                <option value="admin">Admin</option>
                <option value="accountant">Accountant</option>
                <option value="viewer">Viewer</option>
              </select>
            </label>
            <button type="submit" className="btn btn-primary px-4 py-2 rounded-md">
              Save changes
            </button>
          </form>
        </section>

        <section className="card">
          <h2 className="card-title">Connected accounts</h2>
          <ul className="integrations">
            <li>
              <span className="integration-icon">
                <Icon name="headphones" />
              </span>
              <span className="integration-text">
                <strong>Help desk</strong>
                <span className="muted">
                  {linkedAs ? (
                    <>
                      Linked as <code data-testid="linked-as">{linkedAs}</code>
                    </>
                  ) : (
                    'See invoices next to every support ticket.'
                  )}
                </span>
              </span>
              <button className="btn btn-secondary btn-sm css-l1nk4c" data-attr="link-account" disabled={!session} onClick={handleLink}>
                {linkedAs ? 'Linked ✓' : 'Link account'}
              </button>
            </li>
            <li>
              <span className="integration-icon">
                <Icon name="message" />
              </span>
              <span className="integration-text">
                <strong>Slack</strong>
                <span className="muted">Post a message when an invoice is paid.</span>
              </span>
              <button className="btn btn-secondary btn-sm css-l1nk4c">Connect</button>
            </li>
            <li>
              <span className="integration-icon">
                <Icon name="book" />
              </span>
              <span className="integration-text">
                <strong>Accounting</strong>
                <span className="muted">Sync journals to QuickBooks or Xero.</span>
              </span>
              <button className="btn btn-secondary btn-sm css-l1nk4c">Connect</button>
            </li>
          </ul>
        </section>

        <section className="card">
          <h2 className="card-title">Email notifications</h2>
          <label className="checkbox">
            <input type="checkbox" name="notify_paid" defaultChecked />
            <span>An invoice is paid</span>
          </label>
          <label className="checkbox">
            <input type="checkbox" name="notify_overdue" defaultChecked />
            <span>An invoice becomes overdue</span>
          </label>
          <label className="checkbox">
            <input type="checkbox" name="notify_digest" />
            <span>Weekly cash-flow digest</span>
          </label>
        </section>
      </div>
    </div>
  );
}
