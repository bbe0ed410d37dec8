/**
 * Small readers over `@hubspot/ui-extensions/testing` trees. A node's own `text` holds only its direct
 * text children; these read what a person would see in a whole subtree.
 */
interface TextTree {
  text: string | null;
  childNodes?: readonly TextTree[];
}

/** All text in the subtree, in document order, with a space between separate nodes. */
export function textOf(node: TextTree): string {
  const parts: string[] = [];
  const walk = (n: TextTree) => {
    if (n.childNodes) n.childNodes.forEach(walk);
    else if (n.text) parts.push(n.text);
  };
  walk(node);
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/**
 * Calls an event prop with its argument. The library types `trigger`'s argument as the handler itself and
 * collapses union props (a paginated Table) to never, so tests go through this one untyped door.
 */
export function fire(node: { trigger: (...args: never[]) => void }, event: string, arg?: unknown): void {
  (node.trigger as (event: string, arg?: unknown) => void)(event, arg);
}
