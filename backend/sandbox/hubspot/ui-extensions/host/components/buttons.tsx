/** Button (a link when it has an `href`). */
import type { MouseEvent } from 'react';
import { callRemote, cx, extensionEvent, hrefOf, size, testIdAttr, type WithChildren } from './shared.ts';

interface ButtonProps extends WithChildren {
  onClick?: unknown;
  href?: unknown;
  disabled?: boolean;
  variant?: 'primary' | 'secondary' | 'destructive' | 'transparent';
  type?: 'button' | 'reset' | 'submit';
  size?: string;
}

export function Button({ children, testId, onClick, href, disabled, variant = 'secondary', type = 'button', size: s }: ButtonProps) {
  const className = cx('hs-button', `hs-button--${variant}`, `hs-button--${size(s, 'md')}`);
  const click = (e: MouseEvent) => callRemote(onClick, extensionEvent(e));
  const target = hrefOf(href);
  if (target && !disabled) {
    return (
      <a className={className} href={target.url} onClick={click} {...(target.external ? { target: '_blank', rel: 'noopener noreferrer' } : {})} {...testIdAttr(testId)}>
        {children}
      </a>
    );
  }
  return (
    <button className={className} type={type} disabled={disabled} onClick={click} {...testIdAttr(testId)}>
      {children}
    </button>
  );
}
