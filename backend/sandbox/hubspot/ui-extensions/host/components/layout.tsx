/** Layout: Flex, Box, Divider, Tile. */
import type { CSSProperties } from 'react';
import { cx, size, testIdAttr, type WithChildren } from './shared.ts';

const GAP_PX: Record<string, number> = { flush: 0, xs: 4, sm: 8, md: 16, lg: 24, xl: 32 };
const JUSTIFY: Record<string, CSSProperties['justifyContent']> = { start: 'flex-start', end: 'flex-end', center: 'center', between: 'space-between', around: 'space-around' };
const ALIGN: Record<string, CSSProperties['alignItems']> = { start: 'flex-start', end: 'flex-end', center: 'center', baseline: 'baseline', stretch: 'stretch', auto: 'auto' };

interface FlexProps extends WithChildren {
  direction?: 'row' | 'column';
  gap?: string;
  justify?: string;
  align?: string;
  alignSelf?: string;
  wrap?: boolean | 'wrap' | 'nowrap';
}

export function Flex({ children, testId, direction = 'row', gap = 'flush', justify, align, alignSelf, wrap }: FlexProps) {
  const style: CSSProperties = {
    display: 'flex',
    flexDirection: direction,
    gap: GAP_PX[size(gap, 'flush')] ?? 0,
    justifyContent: justify ? JUSTIFY[justify] : undefined,
    alignItems: align ? ALIGN[align] : direction === 'row' ? undefined : 'stretch',
    alignSelf: alignSelf ? ALIGN[alignSelf] : undefined,
    flexWrap: wrap === true || wrap === 'wrap' ? 'wrap' : 'nowrap',
  };
  return <div className="hs-flex" style={style} {...testIdAttr(testId)}>{children}</div>;
}

export function Box({ children, testId, alignSelf, flex }: WithChildren & { alignSelf?: string; flex?: string | number }) {
  return <div className="hs-box" style={{ alignSelf: alignSelf ? ALIGN[alignSelf] : undefined, flex }} {...testIdAttr(testId)}>{children}</div>;
}

export function Divider({ testId, distance, size: legacySize }: WithChildren & { distance?: string; size?: string }) {
  const px = GAP_PX[size(distance ?? legacySize, 'sm')] ?? 8;
  return <hr className="hs-divider" style={{ marginTop: px, marginBottom: px }} {...testIdAttr(testId)} />;
}

export function Tile({ children, testId, compact, flush }: WithChildren & { compact?: boolean; flush?: boolean }) {
  return <div className={cx('hs-tile', compact && 'hs-tile--compact', flush && 'hs-tile--flush')} {...testIdAttr(testId)}>{children}</div>;
}
