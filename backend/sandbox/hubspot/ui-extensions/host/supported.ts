/**
 * Every component the emulator's host renders and, per component, every prop it implements. A component
 * or prop outside this table is shown as an error where it would have rendered (and listed in the page's
 * host errors), and `test/ui/host-coverage.test.ts` fails when our extensions use one. Names and props
 * are those of `@hubspot/ui-extensions` 0.17 (`dist/shared.synced/types/components`); `children` and
 * `testId` are accepted everywhere.
 */
export const SUPPORTED_PROPS = {
  Accordion: ['title', 'defaultOpen', 'open', 'disabled', 'size', 'onClick'],
  Alert: ['title', 'variant'],
  Box: ['alignSelf', 'flex'],
  Button: ['onClick', 'href', 'disabled', 'variant', 'type', 'size'],
  DateInput: ['label', 'name', 'value', 'required', 'readOnly', 'description', 'error', 'validationMessage', 'onChange'],
  DescriptionList: ['direction'],
  DescriptionListItem: ['label'],
  Divider: ['distance', 'size'],
  EmptyState: ['title', 'layout', 'flush', 'imageWidth', 'reverseOrder'],
  ErrorState: ['title', 'type'],
  Flex: ['direction', 'gap', 'justify', 'align', 'alignSelf', 'wrap'],
  Heading: ['inline'],
  Input: ['label', 'name', 'value', 'type', 'required', 'readOnly', 'description', 'placeholder', 'error', 'validationMessage', 'onChange', 'onInput', 'onBlur'],
  Link: ['href', 'variant', 'onClick'],
  List: ['variant'],
  LoadingSpinner: ['label', 'showLabel', 'size', 'layout'],
  MultiSelect: ['label', 'name', 'value', 'options', 'required', 'readOnly', 'description', 'placeholder', 'error', 'validationMessage', 'onChange'],
  NumberInput: ['label', 'name', 'value', 'min', 'max', 'precision', 'required', 'readOnly', 'description', 'placeholder', 'error', 'validationMessage', 'onChange'],
  SearchInput: ['label', 'name', 'value', 'placeholder', 'clearable', 'description', 'onChange', 'onInput'],
  Select: ['label', 'name', 'value', 'options', 'required', 'readOnly', 'description', 'placeholder', 'error', 'validationMessage', 'variant', 'onChange'],
  Statistics: [],
  StatisticsItem: ['label', 'number', 'id'],
  StatusTag: ['variant', 'hollow', 'onClick'],
  Tab: ['tabId', 'title', 'disabled'],
  Table: ['bordered', 'flush', 'density', 'paginated', 'pageCount', 'page', 'onPageChange', 'showFirstLastButtons', 'showButtonLabels', 'maxVisiblePageButtons'],
  TableBody: [],
  TableCell: ['align', 'width', 'colSpan'],
  TableFooter: [],
  TableHead: [],
  TableHeader: ['align', 'width'],
  TableRow: [],
  Tabs: ['selected', 'defaultSelected', 'onSelectedChange', 'variant', 'fill'],
  Tag: ['variant', 'onClick'],
  Text: ['variant', 'inline', 'format', 'truncate'],
  Tile: ['compact', 'flush'],
  Toggle: ['checked', 'initialIsChecked', 'label', 'labelDisplay', 'name', 'onChange', 'readonly', 'readOnly', 'size', 'textChecked', 'textUnchecked'],
} as const satisfies Record<string, readonly string[]>;

export type SupportedComponent = keyof typeof SUPPORTED_PROPS;

/** Accepted on every component. */
export const UNIVERSAL_PROPS: readonly string[] = ['children', 'testId'];

export const isSupportedComponent = (name: string): name is SupportedComponent => Object.hasOwn(SUPPORTED_PROPS, name);

/** The props of `props` the host does not implement for `component` (undefined values are not sent by HubSpot either). */
export function unsupportedProps(component: SupportedComponent, props: Record<string, unknown>): string[] {
  const known: readonly string[] = SUPPORTED_PROPS[component];
  return Object.keys(props).filter((p) => props[p] !== undefined && !known.includes(p) && !UNIVERSAL_PROPS.includes(p));
}
