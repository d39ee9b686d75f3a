// Building DOM safely. Every string from the data becomes a text node (textContent semantics);
// no function here ever assigns innerHTML, and event-handler attributes are refused, so article
// text that looks like markup (<script>, <img onerror=…>) is shown literally and never runs.

const SVG_NS = "http://www.w3.org/2000/svg";

function fill(node, attrs, children) {
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (/^on/i.test(name)) throw new Error("event-handler attributes are not allowed: " + name);
    if (name === "dataset") Object.assign(node.dataset, value);
    else node.setAttribute(name, String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** An HTML element: h("p", {class: "x"}, "text", otherNode). */
export function h(tag, attrs, ...children) {
  return fill(document.createElement(tag), attrs, children);
}

/** An SVG element, same rules. */
export function s(tag, attrs, ...children) {
  return fill(document.createElementNS(SVG_NS, tag), attrs, children);
}

/** Replaces a node's children, with the same rules as h() (null/false skipped, strings as text). */
export function put(node, ...children) {
  clear(node);
  return fill(node, {}, children);
}

export function plural(n, word, many) {
  return `${n} ${n === 1 ? word : many || word + "s"}`;
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

export function on(node, type, handler) {
  node.addEventListener(type, handler);
  return node;
}

/** A clickable element that is also reachable by keyboard. */
export function clickable(node, handler, label) {
  node.setAttribute("tabindex", "0");
  node.setAttribute("role", "button");
  if (label) node.setAttribute("aria-label", label);
  node.classList.add("clickable");
  node.addEventListener("click", handler);
  node.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); handler(ev); }
  });
  return node;
}

export const QUADS = {
  1: { name: "verbal cooperation", cls: "q1" },
  2: { name: "material cooperation", cls: "q2" },
  3: { name: "verbal conflict", cls: "q3" },
  4: { name: "material conflict", cls: "q4" },
};

export function actorsText(list) {
  return (list || []).map((a) => a.code || a.country || a.text || "?").join("+") || "?";
}

export function fmtNumber(x, digits = 1) {
  return x === null || x === undefined ? "–" : Number(x).toFixed(digits).replace(/\.0+$/, "");
}

export function loading(container, text) {
  clear(container).append(h("p", { class: "muted" }, text || "Loading…"));
}
