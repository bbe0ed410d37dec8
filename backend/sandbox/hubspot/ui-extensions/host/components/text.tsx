/** Text: Text, Heading, Link, List. */
import { Children, type CSSProperties, type MouseEvent } from 'react';
import { callRemote, cx, extensionEvent, hrefOf, testIdAttr, type WithChildren } from './shared.ts';

interface TextFormat {
  fontWeight?: 'regular' | 'bold' | 'demibold';
  italic?: boolean;
  lineDecoration?: 'none' | 'underline' | 'strikethrough';
  textTransform?: 'none' | 'uppercase' | 'lowercase' | 'capitalize' | 'sentenceCase';
}

const WEIGHT = { regular: 400, demibold: 600, bold: 700 } as const;

export function Text({ children, testId, variant = 'bodytext', inline, format, truncate }: WithChildren & { variant?: string; inline?: boolean; format?: TextFormat; truncate?: boolean | { maxWidth?: number } }) {
  const style: CSSProperties = {
    fontWeight: format?.fontWeight ? WEIGHT[format.fontWeight] : undefined,
    fontStyle: format?.italic ? 'italic' : undefined,
    textDecoration: format?.lineDecoration === 'strikethrough' ? 'line-through' : format?.lineDecoration === 'underline' ? 'underline' : undefined,
    textTransform: format?.textTransform === 'sentenceCase' ? undefined : format?.textTransform,
    maxWidth: typeof truncate === 'object' ? truncate.maxWidth : undefined,
  };
  const Tag = inline ? 'span' : 'p';
  return <Tag className={cx('hs-text', variant === 'microcopy' && 'hs-text--micro', truncate && 'hs-text--truncate')} style={style} {...testIdAttr(testId)}>{children}</Tag>;
}

export function Heading({ children, testId, inline }: WithChildren & { inline?: boolean }) {
  return <h3 className={cx('hs-heading', inline && 'hs-heading--inline')} {...testIdAttr(testId)}>{children}</h3>;
}

export function Link({ children, testId, href, variant = 'primary', onClick }: WithChildren & { href?: unknown; variant?: string; onClick?: unknown }) {
  const target = hrefOf(href);
  const click = (e: MouseEvent) => {
    if (!target) e.preventDefault();
    callRemote(onClick, extensionEvent(e));
  };
  return (
    <a className={cx('hs-link', `hs-link--${variant}`)} href={target?.url ?? '#'} onClick={click} {...(target?.external ? { target: '_blank', rel: 'noopener noreferrer' } : {})} {...testIdAttr(testId)}>
      {children}
      {target?.external ? <span className="hs-link__external" aria-hidden="true"> ↗</span> : null}
    </a>
  );
}

export function List({ children, testId, variant = 'unordered' }: WithChildren & { variant?: string }) {
  const items = Children.toArray(children).map((child, i) => <li key={i}>{child}</li>);
  const className = cx('hs-list', `hs-list--${variant}`);
  return variant.startsWith('ordered') ? <ol className={className} {...testIdAttr(testId)}>{items}</ol> : <ul className={className} {...testIdAttr(testId)}>{items}</ul>;
}
