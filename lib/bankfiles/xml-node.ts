// A tiny element tree for one small XML subtree at a time (a camt <Ntry> or <Bal>): the streaming
// parser builds it, the mapping code reads it with slash paths, and it is dropped right after.

export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

export function newNode(name: string, attrs: Record<string, string>): XmlNode {
  return { name, attrs, children: [], text: "" };
}

// The mapping code asks the same few dozen paths for every entry: split each once.
const stepsOf = new Map<string, string[]>();
const steps = (path: string) => {
  let s = stepsOf.get(path);
  if (!s) stepsOf.set(path, (s = path.split("/")));
  return s;
};

function child(node: XmlNode, name: string): XmlNode | undefined {
  for (const c of node.children) if (c.name === name) return c;
  return undefined;
}

/** The first descendant along a path such as "RltdPties/Dbtr/Nm" (each step a direct child). */
export function find(node: XmlNode | null | undefined, path: string): XmlNode | null {
  let current: XmlNode | null | undefined = node;
  for (const step of steps(path)) {
    current = current ? child(current, step) : undefined;
    if (!current) return null;
  }
  return current ?? null;
}

/** Every node at the end of the path, across repeated elements on the way. */
export function findAll(node: XmlNode | null | undefined, path: string): XmlNode[] {
  let level: XmlNode[] = node ? [node] : [];
  for (const step of steps(path)) {
    if (level.length === 0) return level;
    const next: XmlNode[] = [];
    for (const n of level) for (const c of n.children) if (c.name === step) next.push(c);
    level = next;
  }
  return level;
}

/** Trimmed text at the path, or null when absent or empty. */
export function text(node: XmlNode | null | undefined, path: string): string | null {
  const t = find(node, path)?.text.trim();
  return t ? t : null;
}

/** The first non-empty text among several candidate paths. */
export function firstText(node: XmlNode | null | undefined, ...paths: string[]): string | null {
  for (const path of paths) {
    const t = text(node, path);
    if (t !== null) return t;
  }
  return null;
}
