// Quotes view: who said what. Search by speaker (any part of the name or actor code) and by
// words; each quote opens its document with the quote highlighted.

import { get } from "./api.js";
import { clear, clickable, h, loading, on, plural } from "./dom.js";

const state = { speaker: "", q: "" };

function quoteItem(q, ctx) {
  const sp = q.speaker || {};
  const who = sp.name || sp.text || "unknown speaker";
  const li = h("li", { class: "quote" },
    h("blockquote", {}, h("q", {}, q.text)),
    h("div", { class: "who" }, who, sp.code ? h("span", { class: "badge" }, sp.code) : null,
      q.cue ? h("span", { class: "muted" }, ` (${q.cue})`) : null,
      q.direct === false ? h("span", { class: "badge" }, "indirect") : null),
    h("div", { class: "muted" }, [q.outlet, q.published, "doc " + q.doc_id].filter(Boolean).join(" · ")));
  return clickable(li, () => ctx.openDocument(q.doc_id, { start: q.start, end: q.end }), `open the document of this quote by ${who}`);
}

export async function render(view, ctx) {
  const form = h("form", { class: "controls", role: "search" },
    h("label", {}, "Speaker ", h("input", { name: "speaker", type: "search", value: state.speaker, placeholder: "e.g. Fidan or TURGOV" })),
    h("label", {}, "Words ", h("input", { name: "q", type: "search", value: state.q, placeholder: "e.g. talks channel" })),
    h("button", { type: "submit" }, "Search"));
  const out = h("div", {});
  on(form, "submit", (ev) => {
    ev.preventDefault();
    state.speaker = form.elements.speaker.value;
    state.q = form.elements.q.value;
    render(view, ctx);
  });
  clear(view).append(h("h2", {}, "Quotes: who said what"), form, out);
  loading(out);
  const res = await get("quotes", { speaker: state.speaker, q: state.q, limit: 100 });
  clear(out).append(
    h("p", { class: "muted" }, `${plural(res.total, "quote")}${res.total > res.items.length ? `, first ${res.items.length} shown` : ""}. Click one to read it in its document.`),
    h("ol", { class: "quotes" }, res.items.map((q) => quoteItem(q, ctx))));
  view.dataset.state = "ready";
}
