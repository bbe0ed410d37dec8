/**
 * The component map: every name in SUPPORTED_PROPS mapped to its host implementation. Each is wrapped so
 * a prop the host does not implement shows as an error next to the component instead of being ignored.
 */
import { useEffect, type ComponentType } from 'react';
import { reportHostError } from '../host-errors.ts';
import { SUPPORTED_PROPS, unsupportedProps, type SupportedComponent } from '../supported.ts';
import { Button } from './buttons.tsx';
import { DescriptionList, DescriptionListItem, Statistics, StatisticsItem, Table, TableBody, TableCell, TableFooter, TableHead, TableHeader, TableRow } from './data.tsx';
import { Alert, EmptyState, ErrorState, LoadingSpinner, StatusTag, Tag } from './feedback.tsx';
import { DateInput, Input, MultiSelect, NumberInput, SearchInput, Select, Toggle } from './inputs.tsx';
import { Box, Divider, Flex, Tile } from './layout.tsx';
import { Accordion, Tab, Tabs } from './navigation.tsx';
import { Heading, Link, List, Text } from './text.tsx';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- props arrive from the worker untyped; each implementation declares its own
type AnyComponent = ComponentType<any>;

const IMPLEMENTATIONS: Record<SupportedComponent, AnyComponent> = {
  Accordion, Alert, Box, Button, DateInput, DescriptionList, DescriptionListItem, Divider, EmptyState, ErrorState, Flex, Heading, Input, Link, List,
  LoadingSpinner, MultiSelect, NumberInput, SearchInput, Select, Statistics, StatisticsItem, StatusTag, Tab, Table, TableBody, TableCell, TableFooter,
  TableHead, TableHeader, TableRow, Tabs, Tag, Text, Tile, Toggle,
};

/** Shown in place of what the host cannot render faithfully. */
export function HostProblem({ message }: { message: string }) {
  useEffect(() => reportHostError(message), [message]);
  return <div className="hs-host-problem" role="alert">{`HubSpot emulator: ${message}`}</div>;
}

function checked(name: SupportedComponent, Implementation: AnyComponent): AnyComponent {
  function Checked(props: Record<string, unknown>) {
    const extra = unsupportedProps(name, props);
    if (extra.length === 0) return <Implementation {...props} />;
    return (
      <>
        <HostProblem message={`<${name}> got prop${extra.length > 1 ? 's' : ''} the host does not support: ${extra.join(', ')}`} />
        <Implementation {...props} />
      </>
    );
  }
  Checked.displayName = `Host${name}`;
  return Checked;
}

export const HOST_COMPONENTS: Record<string, AnyComponent> = Object.fromEntries(
  (Object.keys(SUPPORTED_PROPS) as SupportedComponent[]).map((name) => [name, checked(name, IMPLEMENTATIONS[name])]),
);
