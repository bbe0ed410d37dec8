/** Status and feedback: Alert, StatusTag, Tag, LoadingSpinner, EmptyState, ErrorState. */
import { callRemote, cx, size, testIdAttr, type WithChildren } from './shared.ts';

const ALERT_ICON: Record<string, string> = { info: 'i', tip: '✦', success: '✓', warning: '!', danger: '!', error: '!' };

export function Alert({ children, testId, title, variant = 'info' }: WithChildren & { title?: string; variant?: string }) {
  const v = variant === 'error' ? 'danger' : variant;
  return (
    <div className={cx('hs-alert', `hs-alert--${v}`)} role={v === 'danger' ? 'alert' : 'status'} {...testIdAttr(testId)}>
      <span className="hs-alert__icon" aria-hidden="true">{ALERT_ICON[v] ?? 'i'}</span>
      <div className="hs-alert__body">
        {title ? <p className="hs-alert__title">{title}</p> : null}
        {children ? <div className="hs-alert__content">{children}</div> : null}
      </div>
    </div>
  );
}

export function StatusTag({ children, testId, variant = 'default', hollow, onClick }: WithChildren & { variant?: string; hollow?: boolean; onClick?: unknown }) {
  const content = (
    <>
      <span className={cx('hs-status-tag__dot', hollow && 'hs-status-tag__dot--hollow')} aria-hidden="true" />
      <span>{children}</span>
    </>
  );
  return onClick ? (
    <button type="button" className={cx('hs-status-tag', `hs-status-tag--${variant}`, 'hs-status-tag--clickable')} onClick={() => callRemote(onClick)} {...testIdAttr(testId)}>{content}</button>
  ) : (
    <span className={cx('hs-status-tag', `hs-status-tag--${variant}`)} {...testIdAttr(testId)}>{content}</span>
  );
}

export function Tag({ children, testId, variant = 'default', onClick }: WithChildren & { variant?: string; onClick?: unknown }) {
  return onClick ? (
    <button type="button" className={cx('hs-tag', `hs-tag--${variant}`)} onClick={() => callRemote(onClick)} {...testIdAttr(testId)}>{children}</button>
  ) : (
    <span className={cx('hs-tag', `hs-tag--${variant}`)} {...testIdAttr(testId)}>{children}</span>
  );
}

export function LoadingSpinner({ testId, label, showLabel, size: s, layout = 'inline' }: WithChildren & { label?: string; showLabel?: boolean; size?: string; layout?: string }) {
  return (
    <div className={cx('hs-spinner', `hs-spinner--${size(s, 'sm')}`, layout === 'centered' && 'hs-spinner--centered')} role="status" aria-label={label} {...testIdAttr(testId)}>
      <span className="hs-spinner__ring" aria-hidden="true" />
      {showLabel && label ? <span className="hs-spinner__label">{label}</span> : null}
    </div>
  );
}

/** HubSpot's empty-state illustration, reduced to a quiet outline. */
function Illustration({ width }: { width: number }) {
  return (
    <svg className="hs-illustration" width={width} height={width * 0.75} viewBox="0 0 160 120" aria-hidden="true">
      <rect x="22" y="24" width="116" height="76" rx="6" fill="#f5f8fa" stroke="#cbd6e2" strokeWidth="2" />
      <rect x="36" y="40" width="56" height="8" rx="4" fill="#cbd6e2" />
      <rect x="36" y="56" width="88" height="6" rx="3" fill="#dfe3eb" />
      <rect x="36" y="70" width="72" height="6" rx="3" fill="#dfe3eb" />
      <circle cx="124" cy="28" r="14" fill="#ff7a59" opacity="0.85" />
      <path d="M118 28 l4 4 l8 -8" stroke="#fff" strokeWidth="3" fill="none" strokeLinecap="round" />
    </svg>
  );
}

export function EmptyState({ children, testId, title, layout = 'horizontal', flush, imageWidth = 160, reverseOrder }: WithChildren & { title?: string; layout?: string; flush?: boolean; imageWidth?: number; reverseOrder?: boolean }) {
  return (
    <div className={cx('hs-empty', `hs-empty--${layout}`, flush && 'hs-empty--flush', reverseOrder && 'hs-empty--reverse')} {...testIdAttr(testId)}>
      <Illustration width={imageWidth} />
      <div className="hs-empty__text">
        {title ? <h3 className="hs-empty__title">{title}</h3> : null}
        {children}
      </div>
    </div>
  );
}

export function ErrorState({ children, testId, title = 'Something went wrong.', type = 'error' }: WithChildren & { title?: string; type?: string }) {
  return (
    <div className={cx('hs-error-state', `hs-error-state--${type}`)} role="alert" {...testIdAttr(testId)}>
      <svg width="96" height="72" viewBox="0 0 96 72" aria-hidden="true">
        <rect x="8" y="8" width="80" height="56" rx="6" fill="#fde8e9" stroke="#f2545b" strokeWidth="2" />
        <path d="M48 22 v18" stroke="#f2545b" strokeWidth="5" strokeLinecap="round" />
        <circle cx="48" cy="50" r="3.5" fill="#f2545b" />
      </svg>
      <h3 className="hs-error-state__title">{title}</h3>
      <div className="hs-error-state__content">{children}</div>
    </div>
  );
}
