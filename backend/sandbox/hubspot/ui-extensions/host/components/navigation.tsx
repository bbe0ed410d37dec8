/**
 * Tabs, Tab and Accordion. A Tab registers its id and title with its Tabs (React context), so the bar
 * lists the tabs in their order and only the selected one renders its content.
 */
import { createContext, useCallback, useContext, useEffect, useId, useState } from 'react';
import { callRemote, cx, size, testIdAttr, type WithChildren } from './shared.ts';

type TabKey = string | number;
interface TabEntry {
  key: TabKey;
  title: string;
  disabled: boolean;
  order: number;
}
interface TabsContext {
  selected: TabKey | undefined;
  register: (entry: TabEntry) => () => void;
}
const Context = createContext<TabsContext | null>(null);
let order = 0;

interface TabsProps extends WithChildren {
  selected?: TabKey;
  defaultSelected?: TabKey;
  onSelectedChange?: unknown;
  variant?: 'default' | 'enclosed';
  fill?: boolean;
}

export function Tabs({ children, testId, selected, defaultSelected, onSelectedChange, variant = 'default', fill }: TabsProps) {
  const [entries, setEntries] = useState<TabEntry[]>([]);
  const [own, setOwn] = useState<TabKey | undefined>(defaultSelected);
  const current = selected ?? own ?? entries[0]?.key;
  const register = useCallback((entry: TabEntry) => {
    setEntries((list) => [...list.filter((e) => e.key !== entry.key), entry].sort((a, b) => a.order - b.order));
    return () => setEntries((list) => list.filter((e) => e.key !== entry.key));
  }, []);
  const context: TabsContext = { selected: current, register };
  const choose = (key: TabKey) => {
    setOwn(key);
    callRemote(onSelectedChange, key);
  };
  return (
    <div className={cx('hs-tabs', `hs-tabs--${variant}`)} {...testIdAttr(testId)}>
      <div className={cx('hs-tabs__bar', fill && 'hs-tabs__bar--fill')} role="tablist">
        {entries.map((e) => (
          <button key={String(e.key)} type="button" role="tab" aria-selected={e.key === current} disabled={e.disabled} className={cx('hs-tabs__tab', e.key === current && 'hs-tabs__tab--selected')} onClick={() => choose(e.key)}>
            {e.title}
          </button>
        ))}
      </div>
      <Context.Provider value={context}>{children}</Context.Provider>
    </div>
  );
}

export function Tab({ children, testId, tabId, title = '', disabled = false }: WithChildren & { tabId?: TabKey; title?: string; disabled?: boolean }) {
  const tabs = useContext(Context);
  const fallbackKey = useId();
  const key = tabId ?? fallbackKey;
  const [position] = useState(() => order++);
  const register = tabs?.register;
  useEffect(() => register?.({ key, title, disabled, order: position }), [register, key, title, disabled, position]);
  if (!tabs) return <div className="hs-tab-orphan">{children}</div>;
  if (tabs.selected !== key) return null;
  return <div className="hs-tabs__panel" role="tabpanel" {...testIdAttr(testId)}>{children}</div>;
}

interface AccordionProps extends WithChildren {
  title?: string;
  defaultOpen?: boolean;
  open?: boolean;
  disabled?: boolean;
  size?: string;
  onClick?: unknown;
}

export function Accordion({ children, testId, title, defaultOpen = false, open, disabled, size: s, onClick }: AccordionProps) {
  const [own, setOwn] = useState(defaultOpen);
  const isOpen = open ?? own;
  const id = useId();
  return (
    <section className={cx('hs-accordion', `hs-accordion--${size(s, 'sm')}`, isOpen && 'hs-accordion--open')} {...testIdAttr(testId)}>
      <button
        type="button"
        className="hs-accordion__header"
        aria-expanded={isOpen}
        aria-controls={id}
        disabled={disabled}
        onClick={() => {
          setOwn(!isOpen);
          callRemote(onClick);
        }}
      >
        <span className="hs-accordion__caret" aria-hidden="true">{isOpen ? '▾' : '▸'}</span>
        <span className="hs-accordion__title">{title}</span>
      </button>
      {isOpen ? <div id={id} className="hs-accordion__body">{children}</div> : null}
    </section>
  );
}
