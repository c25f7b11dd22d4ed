// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { autocaptureVerdict, isAutocapturable } from '../../../src/core/elements';

const PAGE = `
<style>.clickable { cursor: pointer; }</style>
<a id="link" href="/pricing">Pricing</a>
<button id="button"><span id="button-span">Buy</span><svg id="icon"><path id="icon-path"></path></svg></button>
<form id="form"><div id="in-form">in form</div><input id="text" type="text"><input id="submit" type="submit" value="Go"></form>
<input id="password" type="password">
<input id="checkbox" type="checkbox">
<input id="radio" type="radio">
<input id="hidden" type="hidden" value="x">
<textarea id="textarea"></textarea>
<select id="select"><option>a</option></select>
<label id="label">Label</label>
<div id="editable" contenteditable="true">edit</div>
<div id="plain">plain</div>
<div id="editable-parent" contenteditable="true"><b id="editable-child">inherits editing, not capture</b></div>
<div id="editable-empty" contenteditable="">only "true" counts</div>
<div id="role-button" role="button">roles do not count</div>
<div id="card" class="clickable"><p id="card-child">child</p></div>
<div id="inline" style="cursor: pointer">inline</div>
<div class="ph-no-capture"><button id="no-capture">x</button></div>
<div class="ph-no-autocapture"><button id="no-autocapture-class">x</button></div>
<div data-ph-no-autocapture><button id="no-autocapture-attr">x</button></div>
<div class="ph-sensitive"><button id="in-sensitive">secret</button></div>
<button id="disabled" disabled><span id="in-disabled">no</span></button>
<button id="export-button">Export</button>
`;

beforeEach(() => {
  document.body.innerHTML = PAGE;
});

const byId = (id: string): Element => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`no #${id}`);
  return el;
};

describe('autocaptureVerdict (posthog-js 1.449.2 default config)', () => {
  it.each([
    ['link', ['click']],
    ['button', ['click']],
    ['button-span', ['click']],
    ['icon-path', ['click']],
    ['form', ['submit']],
    ['in-form', ['click']],
    ['text', ['click', 'change']],
    ['submit', ['click', 'change']],
    ['password', ['click', 'change']],
    ['checkbox', ['click', 'change']],
    ['textarea', ['click', 'change']],
    ['select', ['click', 'change']],
    ['label', ['click']],
    ['editable', ['click']],
    ['card', ['click']],
    ['card-child', ['click']],
    ['inline', ['click']],
    ['in-sensitive', ['click']],
    ['export-button', ['click']],
  ])('#%s is captured on %j', (id, eventTypes) => {
    const verdict = autocaptureVerdict(byId(id));
    expect(verdict.exclusion).toBeUndefined();
    expect(verdict).toMatchObject({ captured: true, eventTypes });
    expect(isAutocapturable(byId(id))).toBe(true);
  });

  it.each([
    ['plain', 'not-interactive'],
    ['editable-child', 'not-interactive'],
    ['editable-empty', 'not-interactive'],
    ['role-button', 'not-interactive'],
    ['no-capture', 'ph-no-capture'],
    ['no-autocapture-class', 'ph-no-autocapture'],
    ['no-autocapture-attr', 'ph-no-autocapture'],
    ['hidden', 'hidden-input'],
    ['disabled', 'disabled-tag'],
    ['in-disabled', 'disabled-tag'],
  ])('#%s is excluded with %s', (id, code) => {
    const verdict = autocaptureVerdict(byId(id));
    expect(verdict).toMatchObject({ captured: false, eventTypes: [], exclusion: { code } });
    expect(isAutocapturable(byId(id))).toBe(false);
  });

  it('names the ancestor responsible for an exclusion', () => {
    expect(autocaptureVerdict(byId('no-capture')).exclusion?.element).toBe(byId('no-capture').parentElement);
  });

  it('never records html', () => {
    expect(autocaptureVerdict(document.documentElement).exclusion?.code).toBe('document-root');
  });

  it.each([
    ['password', true],
    ['text', true],
    ['radio', true],
    ['textarea', true],
    ['select', true],
    ['editable', true],
    ['hidden', true],
    ['in-sensitive', true],
    ['export-button', true],
    ['checkbox', false],
    ['submit', false],
    ['button', false],
    ['link', false],
  ])('#%s sensitive: %s', (id, sensitive) => {
    expect(autocaptureVerdict(byId(id)).sensitive).toBe(sensitive);
  });
});
