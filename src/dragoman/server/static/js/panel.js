// The side panel (aside#drill) that the drill-down, the story view and the document view share: its
// head (a way back, a title, a close button), its error line, the little renderings of an event or
// a story they all show, and a registry of the panel's views so they can open one another without
// importing one another (drill → story → document → story …).

import { actorsText, clear, clickable, fmtNumber, h } from "./dom.js";

export const panel = () => document.getElementById("drill");

/** The panel's views, filled in by the modules that define them: drill, story, document. */
export const views = {};

/**
 * Opens the panel in a loading state with a head; returns the body element to fill.
 * back: {label, open} (a link back to the view this one was opened from) or null; wide: more room.
 */
export function open(title, back, { wide = false, bodyClass = "" } = {}) {
  const aside = panel();
  aside.hidden = false;
  aside.dataset.state = "loading";
  aside.classList.toggle("wide", wide);
  const backLink = back ? clickable(h("span", { class: "back" }, back.label), back.open, "back: " + back.label.replace(/^← /, "")) : null;
  const close = clickable(h("span", { class: "close", title: "close" }, "×"), () => { aside.hidden = true; }, "close panel");
  clear(aside).append(h("div", { class: "panel-head" }, backLink, h("h2", {}, title), close));
  const body = h("div", { class: bodyClass });
  aside.append(body);
  return body;
}

export function ready() {
  panel().dataset.state = "ready";
}

export function fail(body, err) {
  clear(body).append(h("p", { class: "error" }, String(err.message || err)));
  panel().dataset.state = "error";
}

export function place(loc) {
  if (!loc) return null;
  const precision = loc.feature === "city" || loc.feature === "site" ? loc.feature : `${loc.feature || "place"}-level`;
  return h("span", { class: "place" }, `${loc.name || loc.text || "?"}${loc.country ? ", " + loc.country : ""}`,
    h("span", { class: "badge precision" }, precision));
}

export function codes(item) {
  const parts = [actorsText(item.actors)];
  if ((item.recipients || []).length) parts.push("→", actorsText(item.recipients));
  const third = (item.third_parties || []).length ? h("span", { class: "third" }, " with ", actorsText(item.third_parties)) : null;
  return h("span", { class: "codes" }, parts.join(" "), third);
}

export function header(item) {
  const type = item.plover ? `${item.plover}${item.mode ? " (" + item.mode + ")" : ""}` : "no PLOVER type";
  return h("div", { class: "story-head" },
    h("span", { class: "date" }, item.date || item.published || "undated"),
    h("span", { class: `badge q${item.quad_class || 0}` }, type),
    item.cameo ? h("span", { class: "badge" }, "CAMEO " + item.cameo) : null,
    h("span", { class: `badge status-${item.status}` }, item.status || "?"),
    item.goldstein !== undefined && item.goldstein !== null ? h("span", { class: "muted" }, "Goldstein " + fmtNumber(item.goldstein)) : null);
}
