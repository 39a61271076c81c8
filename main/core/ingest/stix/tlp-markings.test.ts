import { describe, expect, it } from 'vitest';
import { interpretMarkingDefinition } from './tlp-markings';

const marking = (fields: Record<string, unknown>) => ({ type: 'marking-definition', spec_version: '2.1', ...fields });
const OWN_ID = 'marking-definition--f814dace-3a4f-4c2b-9a2d-6a3b1d2e4f10';

describe('interpretMarkingDefinition', () => {
  it('reads OpenCTI TLP markings with their own ids and upper-case keys', () => {
    expect(interpretMarkingDefinition(marking({ id: OWN_ID, definition_type: 'TLP', definition: { TLP: 'TLP:RED' } }))).toEqual({ tlp: 'red' });
    expect(interpretMarkingDefinition(marking({ id: OWN_ID, definition_type: 'TLP', definition: { TLP: 'TLP:WHITE' }, name: 'TLP:WHITE' }))).toEqual({ tlp: 'clear' });
    expect(interpretMarkingDefinition(marking({ id: OWN_ID, definition_type: 'tlp', definition: { tlp: 'amber' } }))).toEqual({ tlp: 'amber' });
  });

  it('reads a statement that is a TLP level, and keeps any other statement as a tag', () => {
    expect(interpretMarkingDefinition(marking({ id: OWN_ID, definition_type: 'statement', definition: { statement: 'TLP:AMBER+STRICT' } }))).toEqual({ tlp: 'amber+strict' });
    expect(interpretMarkingDefinition(marking({ id: OWN_ID, definition_type: 'statement', definition: { statement: 'Red Team use only' } }))).toEqual({
      tag: 'marking:Red Team use only',
    });
  });

  it('takes the most restrictive reading when a well-known id and the content disagree', () => {
    const whiteId = 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9';
    expect(interpretMarkingDefinition(marking({ id: whiteId, definition_type: 'tlp', definition: { tlp: 'red' } }))).toEqual({ tlp: 'red' });
    expect(interpretMarkingDefinition(marking({ id: whiteId, definition_type: 'tlp', definition: { tlp: 'white' } }))).toEqual({ tlp: 'clear' });
    expect(interpretMarkingDefinition(marking({ id: OWN_ID, name: 'TLP:GREEN', definition_type: 'tlp', definition: { tlp: 'amber' } }))).toEqual({ tlp: 'amber' });
  });
});
