/** Data display: DescriptionList(Item), Statistics(Item), Table and its parts. */
import { cx, callRemote, testIdAttr, type WithChildren } from './shared.ts';

export function DescriptionList({ children, testId, direction = 'column' }: WithChildren & { direction?: 'row' | 'column' }) {
  return <dl className={cx('hs-dl', `hs-dl--${direction}`)} {...testIdAttr(testId)}>{children}</dl>;
}

export function DescriptionListItem({ children, testId, label }: WithChildren & { label?: string }) {
  return (
    <div className="hs-dl__item" {...testIdAttr(testId)}>
      <dt className="hs-dl__label">{label}</dt>
      <dd className="hs-dl__value">{children}</dd>
    </div>
  );
}

export function Statistics({ children, testId }: WithChildren) {
  return <div className="hs-stats" {...testIdAttr(testId)}>{children}</div>;
}

export function StatisticsItem({ children, testId, label, number }: WithChildren & { label?: string; number?: string | number; id?: string }) {
  return (
    <div className="hs-stats__item" {...testIdAttr(testId)}>
      <p className="hs-stats__label">{label}</p>
      <p className="hs-stats__number">{number}</p>
      {children}
    </div>
  );
}

interface TableProps extends WithChildren {
  bordered?: boolean;
  flush?: boolean;
  density?: 'default' | 'condensed' | 'compact';
  paginated?: boolean;
  pageCount?: number;
  page?: number;
  onPageChange?: unknown;
  showFirstLastButtons?: boolean;
  showButtonLabels?: boolean;
  maxVisiblePageButtons?: number;
}

function Pager({ page, pageCount, onPageChange, showFirstLast, showLabels, maxButtons }: { page: number; pageCount: number; onPageChange: unknown; showFirstLast: boolean; showLabels: boolean; maxButtons: number }) {
  const go = (p: number) => p >= 1 && p <= pageCount && p !== page && callRemote(onPageChange, p);
  const first = Math.max(1, Math.min(page - Math.floor(maxButtons / 2), pageCount - maxButtons + 1));
  const pages = Array.from({ length: Math.min(maxButtons, pageCount) }, (_, i) => first + i);
  return (
    <nav className="hs-pager" aria-label="Pagination">
      {showFirstLast ? <button type="button" className="hs-pager__step" disabled={page <= 1} onClick={() => go(1)}>« First</button> : null}
      <button type="button" className="hs-pager__step" disabled={page <= 1} onClick={() => go(page - 1)} aria-label="Previous page">‹{showLabels ? ' Prev' : ''}</button>
      {pages.map((p) => (
        <button type="button" key={p} className={cx('hs-pager__page', p === page && 'hs-pager__page--current')} aria-current={p === page ? 'page' : undefined} onClick={() => go(p)}>{p}</button>
      ))}
      <button type="button" className="hs-pager__step" disabled={page >= pageCount} onClick={() => go(page + 1)} aria-label="Next page">{showLabels ? 'Next ' : ''}›</button>
      {showFirstLast ? <button type="button" className="hs-pager__step" disabled={page >= pageCount} onClick={() => go(pageCount)}>Last »</button> : null}
    </nav>
  );
}

export function Table({ children, testId, bordered = true, flush, density = 'default', paginated, pageCount = 1, page = 1, onPageChange, showFirstLastButtons, showButtonLabels = true, maxVisiblePageButtons = 5 }: TableProps) {
  return (
    <div className={cx('hs-table-wrap', flush && 'hs-table-wrap--flush')} {...testIdAttr(testId)}>
      <table className={cx('hs-table', bordered && 'hs-table--bordered', `hs-table--${density}`)}>{children}</table>
      {paginated ? <Pager page={page} pageCount={Math.max(1, pageCount)} onPageChange={onPageChange} showFirstLast={showFirstLastButtons === true} showLabels={showButtonLabels} maxButtons={maxVisiblePageButtons} /> : null}
    </div>
  );
}

export const TableHead = ({ children, testId }: WithChildren) => <thead {...testIdAttr(testId)}>{children}</thead>;
export const TableBody = ({ children, testId }: WithChildren) => <tbody {...testIdAttr(testId)}>{children}</tbody>;
export const TableFooter = ({ children, testId }: WithChildren) => <tfoot {...testIdAttr(testId)}>{children}</tfoot>;
export const TableRow = ({ children, testId }: WithChildren) => <tr {...testIdAttr(testId)}>{children}</tr>;

type Width = 'min' | 'max' | 'auto' | number;
const widthStyle = (width: Width | undefined) => (typeof width === 'number' ? { width } : width === 'min' ? { width: '1%', whiteSpace: 'nowrap' as const } : width === 'max' ? { width: '100%' } : {});

export function TableHeader({ children, testId, align = 'left', width }: WithChildren & { align?: 'left' | 'center' | 'right'; width?: Width }) {
  return <th style={{ textAlign: align, ...widthStyle(width) }} {...testIdAttr(testId)}>{children}</th>;
}

export function TableCell({ children, testId, align = 'left', width, colSpan }: WithChildren & { align?: 'left' | 'center' | 'right'; width?: Width; colSpan?: number }) {
  return <td style={{ textAlign: align, ...widthStyle(width) }} colSpan={colSpan} {...testIdAttr(testId)}>{children}</td>;
}
