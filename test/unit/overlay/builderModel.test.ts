// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { CandidateIndex, elementsChainFor } from '../../../src/core/elements';
import { builderMessages, emptyStep, fromAction, pageviewStep, stepFromElement, toActionWrite, toStepWrite } from '../../../src/overlay/build/builderModel';
import { createBuilderStore } from '../../../src/overlay/build/builderStore';
import { breadth, ClickEvents, previewElementStep, previewPageviewStep } from '../../../src/overlay/build/stepPreview';

const URL_NOW = 'https://shop.example/pricing?plan=pro';

describe('builder model', () => {
  it('prefills a click step from the element: the selector on, its recorded text and href offered but off', () => {
    document.body.innerHTML = '<nav><a class="cta" href="/signup" data-attr="nav-signup">Sign up</a></nav>';
    const link = document.querySelector('a')!;
    const step = stepFromElement({ selector: '[data-attr="nav-signup"]', chain: elementsChainFor(link), url: URL_NOW });
    expect(step.selector).toEqual({ on: true, value: '[data-attr="nav-signup"]' });
    expect(step.text).toEqual({ on: false, value: 'Sign up', matching: 'exact' });
    expect(step.href).toEqual({ on: false, value: '/signup', matching: 'exact' });
    expect(step.url).toEqual({ on: false, value: '/pricing', matching: 'contains' });
    expect(toStepWrite(step)).toEqual({ event: '$autocapture', selector: '[data-attr="nav-signup"]' });
  });

  it('falls back to the text when no selector singles the element out', () => {
    document.body.innerHTML = '<button>Pay now</button>';
    const step = stepFromElement({ selector: null, chain: elementsChainFor(document.querySelector('button')!), url: URL_NOW });
    expect(toStepWrite(step)).toEqual({ event: '$autocapture', text: 'Pay now', text_matching: 'exact' });
  });

  it('writes only the conditions switched on, and each step kind as PostHog stores it', () => {
    const click = { ...emptyStep('element'), selector: { on: true, value: ' .buy ' }, href: { on: true, value: '/checkout', matching: 'contains' as const }, text: { on: false, value: 'ignored', matching: 'exact' as const } };
    const custom = { ...emptyStep('event'), event: 'trial_started', properties: [{ key: 'plan', operator: 'exact' as const, value: 'pro' }, { key: 'coupon', operator: 'is_set' as const, value: 'x' }, { key: ' ', operator: 'exact' as const, value: '' }] };
    expect(toActionWrite({ key: null, id: null, name: ' Bought ', description: '', steps: [click, pageviewStep(URL_NOW), custom] })).toEqual({
      name: 'Bought',
      steps: [
        { event: '$autocapture', selector: '.buy', href: '/checkout', href_matching: 'contains' },
        { event: '$pageview', url: '/pricing', url_matching: 'contains' },
        {
          event: 'trial_started',
          properties: [
            { key: 'plan', operator: 'exact', type: 'event', value: 'pro' },
            { key: 'coupon', operator: 'is_set', type: 'event' },
          ],
        },
      ],
    });
  });

  it('reads an action from the server back into the same steps', () => {
    const action = {
      id: 7,
      name: 'Signed up',
      description: 'from the hero',
      steps: [
        { event: '$autocapture', selector: 'button.cta', text: 'Start', text_matching: 'contains' as const, href: null, url: '/home', url_matching: 'exact' as const },
        { event: '$pageview', url: '/welcome', url_matching: 'contains' as const },
        { event: 'signed_up', properties: [{ key: 'plan', value: ['pro', 'team'], operator: 'exact', type: 'event' }] },
      ],
    };
    const draft = fromAction(action);
    expect(draft.id).toBe(7);
    expect(draft.steps.map((step) => step.kind)).toEqual(['element', 'pageview', 'event']);
    expect(draft.steps[2]!.properties).toEqual([{ key: 'plan', operator: 'exact', value: 'pro, team' }]);
    const written = toActionWrite(draft);
    expect(written.steps![0]).toEqual({ event: '$autocapture', selector: 'button.cta', text: 'Start', text_matching: 'contains', url: '/home', url_matching: 'exact' });
    expect(written.steps![1]).toEqual({ event: '$pageview', url: '/welcome', url_matching: 'contains' });
    expect(written.description).toBe('from the hero');
  });

  it('validates through the engine, and a custom event step without a name is an error', () => {
    const messages = builderMessages({ key: null, id: null, name: '', description: '', steps: [emptyStep('event')] }, ['Taken']);
    expect(messages.filter((message) => message.severity === 'error').map((message) => message.path)).toEqual([['name'], ['steps', 0, 'event']]);
    expect(builderMessages({ key: null, id: null, name: 'Taken', description: '', steps: [pageviewStep(URL_NOW)] }, ['Taken']).map((message) => message.code)).toContain('name-duplicate');
  });
});

describe('builder store', () => {
  it('adds steps, keeps one active, and edits the saved action after a save', () => {
    const store = createBuilderStore();
    store.getState().start(emptyStep('element'));
    store.getState().setPicking(true);
    store.getState().addStep(pageviewStep(URL_NOW));
    expect(store.getState()).toMatchObject({ open: true, active: 1, picking: false });
    store.getState().removeStep(1);
    expect(store.getState().active).toBe(0);
    store.getState().saveStarted();
    store.getState().saveFinished({ ok: true, key: 'id:42', entry: { key: 'id:42', id: 42, action: { id: 42, name: 'x' }, status: { state: 'synced' } }, sent: true, message: 'Saved' });
    expect(store.getState().draft).toMatchObject({ key: 'id:42', id: 42 });
    store.getState().close();
    expect(store.getState()).toMatchObject({ open: false, draft: { id: null, steps: [] } });
  });
});

describe('step preview', () => {
  it('counts by the server’s rules: a class matches as a prefix, and the text condition applies', () => {
    document.body.innerHTML = '<main><button class="btn">Edit</button><button class="btn-danger">Delete</button><a href="/x">Link</a></main>';
    const index = CandidateIndex.build(document);
    const clicks = new ClickEvents(index);
    const preview = previewElementStep({ event: '$autocapture', selector: '.btn' }, index, clicks, URL_NOW, document);
    expect(preview.css!.map((element) => element.textContent)).toEqual(['Edit']);
    expect(preview.server.map((element) => element.textContent)).toEqual(['Edit', 'Delete']);
    const withText = previewElementStep({ event: '$autocapture', selector: '.btn', text: 'Delete' }, index, clicks, URL_NOW, document);
    expect(withText.server.map((element) => element.textContent)).toEqual(['Delete']);
    const wrongPage = previewElementStep({ event: '$autocapture', selector: '.btn', url: '/checkout' }, index, clicks, URL_NOW, document);
    expect(breadth(wrongPage)).toBe('none');
  });

  it('reports invalid CSS without failing the server count', () => {
    document.body.innerHTML = '<button class="a">A</button>';
    const index = CandidateIndex.build(document);
    const preview = previewElementStep({ event: '$autocapture', selector: 'button[' }, index, new ClickEvents(index), URL_NOW, document);
    expect(preview.css).toBeNull();
    expect(preview.cssError).toBeTruthy();
  });

  it('tells whether a pageview of this page matches', () => {
    expect(previewPageviewStep({ event: '$pageview', url: '/pricing', url_matching: 'contains' }, URL_NOW)).toBe(true);
    expect(previewPageviewStep({ event: '$pageview', url: '/pricing', url_matching: 'exact' }, URL_NOW)).toBe(false);
  });
});
