import { useState, type FormEvent } from 'react';
import { identifyUser, selectWorkspace } from '../analytics';
import { plans } from '../data/plans';
import { Link, navigate, useSearchParam } from '../router';
import { sessionStore } from '../session';

export function SignupPage() {
  const planFromUrl = useSearchParam('plan');
  const [error, setError] = useState<string | null>(null);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = String(form.get('name') ?? '').trim();
    const email = String(form.get('email') ?? '').trim();
    const company = String(form.get('company') ?? '').trim();
    const plan = String(form.get('plan') ?? 'growth');
    if (String(form.get('password') ?? '').length < 8) {
      setError('Use at least 8 characters for your password.');
      return;
    }
    const user = { email, name, plan, company };
    const workspace = { id: company.toLowerCase().replace(/[^a-z0-9]+/g, '-') || 'my-workspace', name: company || 'My workspace', plan };
    sessionStore.signIn({ user, workspace });
    identifyUser(user);
    selectWorkspace(workspace);
    navigate('/app/invoices');
  }

  return (
    <section className="auth">
      <div className="auth-card css-r7t2vb">
        <h1>Start your free trial</h1>
        <p className="muted">14 days of Ledgerly, no credit card required.</p>
        <form className="form" onSubmit={handleSubmit} data-attr="signup-form">
          <label className="field">
            <span>Full name</span>
            <input name="name" type="text" autoComplete="name" required placeholder="Ada Lovelace" />
          </label>
          <label className="field">
            <span>Work email</span>
            <input name="email" type="email" autoComplete="email" required placeholder="ada@company.com" />
          </label>
          <label className="field">
            <span>Password</span>
            <input name="password" type="password" autoComplete="new-password" required placeholder="At least 8 characters" />
          </label>
          <div className="field-row">
            <label className="field">
              <span>Company</span>
              <input name="company" type="text" autoComplete="organization" placeholder="Acme Corp" />
            </label>
            <label className="field">
              <span>Plan</span>
              <select name="plan" defaultValue={planFromUrl ?? 'growth'} key={planFromUrl ?? 'growth'}>
                {plans.map((plan) => (
                  <option key={plan.id} value={plan.id}>
                    {plan.name} — ${plan.monthly}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <label className="checkbox">
            <input name="terms" type="checkbox" required />
            <span>
              I agree to the <Link href="/terms">Terms of Service</Link>
            </span>
          </label>
          {error ? <p className="form-error" role="alert">{error}</p> : null}
          <button type="submit" className="btn btn-primary btn-block css-1x2y3z px-4 py-2" data-attr="signup-submit">
            Create account
          </button>
        </form>
        <p className="auth-switch muted">
          Already have an account? <Link href="/login">Log in</Link>
        </p>
      </div>
    </section>
  );
}
