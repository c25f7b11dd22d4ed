/**
 * The page the chain comparison clicks through: a wide set of elements whose chains differ in the
 * ways the SDK's rules differ — nested text, SVG icons, hrefs, sensitive controls, excluded
 * sections, data attributes, cursor: pointer containers, siblings that differ only by position,
 * long and oddly quoted text and attributes, open and closed shadow roots, and a same-origin iframe
 * running its own SDK. Scripts before the SDK: shadow roots, and no navigation on link clicks or
 * form submits (both happen in the bubble phase, after the SDK's capture-phase listeners).
 */

const LONG_WORDS = Array.from({ length: 70 }, (_, i) => `word${i}`).join(' ');

export const ELEMENTS_PAGE_BODY = `
<style>
  body { font: 14px sans-serif; margin: 8px; }
  section { margin: 6px 0; padding: 4px; border: 1px solid #ddd; }
  .card { cursor: pointer; padding: 6px; width: 320px; }
  .card .plain { cursor: default; }
  .hover-pointer:hover { cursor: pointer; }
  svg { width: 24px; height: 24px; }
  li { margin: 2px 0; }
</style>
<section id="buttons">
  <button id="buy" class="btn btn-primary" data-attr="buy-button" type="button"><span class="label">Buy <b>now</b></span><svg id="buy-icon" class="icon" viewBox="0 0 10 10"><rect id="buy-icon-rect" width="10" height="10"></rect></svg></button>
  <button id="icon-only" aria-label="Close" type="button"><svg viewBox="0 0 10 10"><path d="M0 0h10v10H0z"></path></svg></button>
  <button id="tested" data-testid="checkout" data-ph-capture-attribute-plan="pro" data-ph-capture-attribute-seats="3" type="button">Checkout</button>
  <button id="expand" type="button">Expand</button>
  <button id="card-number" type="button">4242 4242 4242 4242</button>
  <button id="ssn" type="button">Call 123-45-6789 now</button>
  <button id="disabled" type="button" disabled><span id="disabled-span">Disabled</span></button>
  <button id="angular" _ngcontent-ng-c1="" _nghost-ng-c2="" class="  spaced	classes
  here " type="button">Angular</button>
</section>
<section id="links">
  <a id="pricing" class="nav-link active" href="/pricing?plan=pro&amp;ref=nav#faq">Pricing</a>
  <a id="docs" href="/docs"><span class="outer">Read <span class="inner">the docs</span></span> <i>today</i></a>
  <a id="no-href">No href</a>
  <a id="image-link" href="https://example.com/external"><img id="logo" alt="Logo" width="20" height="20" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></a>
  <a id="svg-link" href="/chart"><svg viewBox="0 0 10 10"><circle id="svg-link-circle" cx="5" cy="5" r="5"></circle></svg></a>
</section>
<section id="forms">
  <form id="signup" class="signup-form" name="signup" action="/signup">
    <label id="company-label" for="company">Company <em>name</em></label>
    <input id="company" name="company" type="text" placeholder="ACME" value="Initial">
    <input id="password" name="pw" type="password">
    <input id="token" name="token" type="hidden" value="secret-token">
    <label id="agree-label"><input id="agree" name="agree" type="checkbox" value="yes"> I agree</label>
    <input id="plan-basic" name="plan" type="radio" value="basic">
    <textarea id="bio" name="bio" rows="2">Hello</textarea>
    <select id="country" name="country"><option value="de">Germany</option><option value="fr">France</option></select>
    <div class="hint" id="hint">We never share your data.</div>
    <button id="signup-submit" type="submit">Sign up</button>
  </form>
  <fieldset id="disabled-fieldset" disabled><legend><button id="legend-button" type="button">In the legend</button></legend><span id="fieldset-span" style="cursor: pointer">Pointer span</span> <a id="fieldset-link" href="/f">Link</a> <input id="fieldset-input" name="f"></fieldset>
  <form id="legacy"><input id="legacy-submit" type="submit" value="Send legacy"></form>
</section>
<section id="excluded">
  <div class="ph-sensitive"><button id="sensitive-button" type="button">Sensitive text</button><input id="sensitive-input" name="nickname"></div>
  <div class="ph-no-capture"><button id="no-capture-button" type="button">Not captured</button></div>
  <div class="ph-no-autocapture"><a id="no-autocapture-link" href="/x">Ignored link</a></div>
  <div data-ph-no-autocapture><button id="data-no-autocapture" type="button">Ignored button</button></div>
</section>
<section id="pointers">
  <div id="card" class="card" data-testid="product-card"><h3 id="card-title">Product <span>Pro</span></h3><p id="card-body">A card you can click anywhere</p><div class="plain" id="card-plain">default cursor inside <span id="card-plain-span" style="cursor: pointer">pointer again</span></div></div>
  <div id="inline-pointer" style="cursor: pointer">Inline pointer</div>
  <div id="hover-pointer" class="hover-pointer">Pointer on hover only</div>
  <div id="plain-div">Plain div</div>
  <div id="editable" contenteditable="true">Editable <b id="editable-bold">bold</b> text</div>
  <div id="editable-empty" contenteditable="">Editable (empty attribute)</div>
  <div id="role-button" role="button" tabindex="0">Role button</div>
  <details id="details"><summary id="summary">Summary</summary><p>Details body</p></details>
</section>
<section id="more">
  <button id="cc-name" name="ccv" type="button">Named like a card field</button>
  <button id="included" class="ph-include" name="ccv" type="button">Included anyway</button>
  <button id="img-button" type="button"><img id="img-in-button" alt="icon" width="20" height="20" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="> With image</button>
  <label id="label-with-link">Accept the <a id="terms-link" href="/terms">terms</a></label>
  <input id="input-button" type="button" value="Input button">
  <input id="input-reset" type="reset" value="Reset">
  <input id="search" type="search" name="q" value="query">
  <input id="number" type="number" name="qty" value="3">
  <button id="nbsp" type="button">&nbsp;Spaced&nbsp;&nbsp;out&nbsp;</button>
  <button id="sensitive-data" type="button" data-ph-capture-attribute-card="4242424242424242" data-card="4242 4242 4242 4242">Data with card</button>
  <svg id="svg-with-link" viewBox="0 0 100 20" width="200" height="40"><a href="/svg-target" id="svg-anchor"><text id="svg-text" x="0" y="15">SVG link text</text></a></svg>
</section>
<section id="lists">
  <ul id="menu"><li><button type="button">Item</button></li><li><button type="button">Item</button></li><li><button type="button">Item</button></li></ul>
  <div id="mixed"><span>a</span><button type="button" class="m">b</button><span>c</span><button type="button" class="m">d</button></div>
</section>
<section id="texts">
  <button id="long-text" type="button">${LONG_WORDS}</button>
  <button id="long-spans" type="button"><span>${LONG_WORDS}</span><span>${LONG_WORDS}</span></button>
  <div id="long-attr" class="card" data-payload="${'x'.repeat(1100)}">Long attribute</div>
  <button id="quotes" type="button" title='He said "hi" \\" back' class='q"uote plain' data-json='{"a":"b"}'>Say "hello" &amp; 'bye' \\ &lt;tag&gt;</button>
  <button id="unicode" type="button" data-label="naïve café ✓">Grüße 👋 日本語</button>
  <button id="multiline" type="button">first line
    second	line</button>
</section>
<section id="shadows">
  <div id="open-host" class="host"></div>
  <button id="button-with-shadow-span" type="button"><span id="span-host"></span></button>
  <div id="closed-host"></div>
</section>
<iframe id="frame" width="400" height="120"></iframe>
<script>
  document.getElementById('frame').src = 'frame' + location.search; // the frame's SDK runs with the page's options
  const open = document.getElementById('open-host').attachShadow({ mode: 'open' });
  open.innerHTML = '<div class="shadow-wrap"><button id="shadow-button" class="shadow-btn" type="button">Shadow <span>button</span></button><div id="shadow-card" style="cursor: pointer"><p id="shadow-card-text">Shadow card</p></div></div>';
  document.getElementById('span-host').attachShadow({ mode: 'open' }).innerHTML = '<b id="in-span-host">Inside a span host</b>';
  document.getElementById('closed-host').attachShadow({ mode: 'closed' }).innerHTML = '<button type="button" style="width: 200px">Closed shadow button</button>';
</script>
`;

export const FRAME_PAGE_BODY = `
<button id="frame-button" class="in-frame" type="button">In the frame</button>
<a id="frame-link" href="/elsewhere">Frame link</a>
`;

/** Keeps the page in place: no navigation on link clicks or form submits (bubble phase, after the SDK). */
export const NO_NAVIGATION_SCRIPT = `
  document.addEventListener('click', (event) => {
    if (event.composedPath().some((node) => node.tagName?.toLowerCase() === 'a')) event.preventDefault(); // an SVG link's tagName is lowercase
  });
  document.addEventListener('submit', (event) => event.preventDefault());
`;

export type CaseAction = 'click' | 'fill' | 'check' | 'select' | 'force-click';

export interface ElementsCase {
  /** CSS selector (Playwright pierces open shadow roots). */
  selector: string;
  action: CaseAction;
  /** In the iframe (which runs its own SDK). */
  frame?: boolean;
}

export const ELEMENTS_CASES: ElementsCase[] = [
  ...[
    '#buy', '#buy .label', '#buy b', '#buy-icon', '#icon-only', '#tested', '#expand', '#card-number', '#ssn', '#angular',
    '#pricing', '#docs', '#docs .inner', '#docs i', '#no-href', '#logo', '#svg-link',
    '#company-label', '#company-label em', '#company', '#password', '#agree-label', '#plan-basic', '#bio', '#hint', '#signup-submit', '#legacy-submit', '#signup',
    '#sensitive-button', '#sensitive-input', '#no-capture-button', '#no-autocapture-link', '#data-no-autocapture',
    '#card', '#card-title', '#card-body', '#card-plain', '#card-plain-span', '#inline-pointer', '#hover-pointer', '#plain-div', '#editable',
    '#editable-bold', '#editable-empty', '#role-button', '#summary', '#cc-name', '#included', '#img-in-button', '#label-with-link', '#terms-link',
    '#input-button', '#input-reset', '#search', '#number', '#nbsp', '#sensitive-data', '#svg-text',
    '#menu li:nth-child(1) button', '#menu li:nth-child(2) button', '#menu li:nth-child(3) button', '#mixed button:nth-of-type(1)', '#mixed button:nth-of-type(2)', '#mixed span:nth-of-type(2)',
    '#long-text', '#long-spans', '#long-attr', '#quotes', '#unicode', '#multiline',
    '#shadow-button', '#shadow-button span', '#shadow-card-text', '#in-span-host', '#closed-host',
  ].map((selector): ElementsCase => ({ selector, action: 'click' })),
  { selector: '#disabled', action: 'force-click' },
  { selector: '#disabled-span', action: 'force-click' },
  { selector: '#legend-button', action: 'click' },
  { selector: '#fieldset-span', action: 'click' },
  { selector: '#fieldset-link', action: 'click' },
  { selector: '#fieldset-input', action: 'force-click' },
  { selector: '#company', action: 'fill' },
  { selector: '#password', action: 'fill' },
  { selector: '#bio', action: 'fill' },
  { selector: '#sensitive-input', action: 'fill' },
  { selector: '#agree', action: 'check' },
  { selector: '#country', action: 'select' },
  { selector: '#frame-button', action: 'click', frame: true },
  { selector: '#frame-link', action: 'click', frame: true },
];
