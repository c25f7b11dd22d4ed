import type { FormEvent } from 'react';
import { identifyUser, selectWorkspace } from '../analytics';
import { defaultWorkspace } from '../data/workspaces';
import { Link, navigate } from '../router';
import { sessionStore } from '../session';
import { nameFromEmail } from '../userId';

export function LoginPage() {
  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get('email') ?? '').trim();
    // No backend: any password works, and the profile is what the account would have on file.
    const user = { email, name: nameFromEmail(email), plan: defaultWorkspace.plan };
    sessionStore.signIn({ user, workspace: defaultWorkspace });
    identifyUser(user);
    selectWorkspace(defaultWorkspace);
    navigate('/app/invoices');
  }

  return (
    <section className="auth">
      <div className="auth-card css-r7t2vb">
        <h1>Welcome back</h1>
        <p className="muted">Log in to your Ledgerly workspace.</p>
        <form className="form" onSubmit={handleSubmit}>
          <label className="field">
            <span>Email</span>
            <input name="email" type="email" autoComplete="username" required placeholder="you@company.com" />
          </label>
          <label className="field">
            <span className="field-label-row">
              Password <Link href="/forgot-password" className="small-link">Forgot password?</Link>
            </span>
            <input name="password" type="password" autoComplete="current-password" required />
          </label>
          <label className="checkbox">
            <input name="remember" type="checkbox" defaultChecked />
            <span>Keep me logged in for 30 days</span>
          </label>
          <button type="submit" className="btn btn-primary btn-block px-4 py-2 rounded-md">
            Log in
          </button>
        </form>
        <p className="auth-switch muted">
          New to Ledgerly? <Link href="/signup">Start a free trial</Link>
        </p>
      </div>
    </section>
  );
}
