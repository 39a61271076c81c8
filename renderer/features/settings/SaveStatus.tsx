import { Notice } from '../../components/Notice';
import type { SaveState } from './settings-store';

export function SaveStatus({ state }: { state: SaveState }) {
  if (state.kind === 'saved') return <Notice tone="success">{state.text}</Notice>;
  if (state.kind === 'failed') return <Notice tone="error">{state.text}</Notice>;
  return null;
}
