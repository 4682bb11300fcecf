import { LightningElement, api } from 'lwc';

/** IntegrationDefinition.MATCH_POLICIES, in the order the console offers them. */
export const MATCH_UPDATE_ALL = 'Update all';
export const MATCH_SKIP_AND_REPORT = 'Skip and report';
/** IntegrationDefinition.BLANK_VALUE_POLICIES. */
export const BLANK_LEAVE_AS_IS = 'Leave as is';
export const BLANK_CLEAR = 'Clear';

/** Detail of the `policychange` event: both policies, one of them just chosen. */
export interface SyncPoliciesDetail {
  matchPolicy: string;
  blankValuePolicy: string;
}

interface Choice {
  value: string;
  label: string;
  /** One plain sentence on what the choice does. */
  sentence: string;
}

interface ChoiceView extends Choice {
  id: string;
  sentenceId: string;
  checked: boolean;
}

/** One policy's radio group: when it applies, and its choices as they stand. */
interface GroupView {
  key: 'match' | 'blank';
  legend: string;
  name: string;
  choices: ChoiceView[];
}

const MATCH_CHOICES: readonly Choice[] = [
  {
    value: MATCH_UPDATE_ALL,
    label: MATCH_UPDATE_ALL,
    sentence: 'Every record that holds the key gets the values of the report row.'
  },
  {
    value: MATCH_SKIP_AND_REPORT,
    label: MATCH_SKIP_AND_REPORT,
    sentence:
      'None of those records is updated, and the run log names the key so that you can make it unique.'
  }
];

const BLANK_CHOICES: readonly Choice[] = [
  {
    value: BLANK_LEAVE_AS_IS,
    label: BLANK_LEAVE_AS_IS,
    sentence: 'The field keeps the value it has: a blank in the report changes nothing.'
  },
  {
    value: BLANK_CLEAR,
    label: BLANK_CLEAR,
    sentence: 'The field is emptied (a checkbox is unchecked), so that it matches the report.'
  }
];

/** Radio names are document-wide under synthetic shadow: each instance gets its own. */
let instanceCount = 0;

/** The choice `value` names, whatever its case and spacing; the default when it names none. */
function canonical(value: string | null | undefined, choices: readonly Choice[]): string {
  const wanted = (value ?? '').trim().toLowerCase();
  return choices.find((choice) => choice.value.toLowerCase() === wanted)?.value ?? choices[0].value;
}

/**
 * The sync policies of an integration, two groups of radio buttons, each choice followed by one
 * sentence on what it does: a key shared by several records (Update all / Skip and report) and a
 * blank report value (Leave as is / Clear). A value it does not know shows as the default (the
 * first choice), which is also what the Apex applies to it.
 *
 * @fires policychange when the admin picks a choice, with both policies
 * (`SyncPoliciesDetail`); it does not bubble. Setting the properties fires nothing.
 */
export default class SyncPolicies extends LightningElement {
  groups: GroupView[] = [];

  private readonly matchName: string;
  private readonly blankName: string;

  private match = MATCH_UPDATE_ALL;
  private blank = BLANK_LEAVE_AS_IS;

  constructor() {
    super();
    instanceCount += 1;
    this.matchName = `match-policy-${instanceCount}`;
    this.blankName = `blank-value-policy-${instanceCount}`;
    this.refresh();
  }

  /** What a run does when several records share a row's key: `Update all` or `Skip and report`. */
  @api
  get matchPolicy(): string {
    return this.match;
  }
  set matchPolicy(value: string | undefined) {
    this.match = canonical(value, MATCH_CHOICES);
    this.refresh();
  }

  /** What a blank report value does to a field: `Leave as is` or `Clear`. */
  @api
  get blankValuePolicy(): string {
    return this.blank;
  }
  set blankValuePolicy(value: string | undefined) {
    this.blank = canonical(value, BLANK_CHOICES);
    this.refresh();
  }

  handleChange(event: Event): void {
    const input = event.target as HTMLInputElement;
    if (input.dataset.group === 'match') {
      this.match = canonical(input.value, MATCH_CHOICES);
    } else {
      this.blank = canonical(input.value, BLANK_CHOICES);
    }
    this.changed();
  }

  private changed(): void {
    this.refresh();
    this.dispatchEvent(
      new CustomEvent<SyncPoliciesDetail>('policychange', {
        detail: { matchPolicy: this.match, blankValuePolicy: this.blank },
        bubbles: false,
        composed: false
      })
    );
  }

  private refresh(): void {
    this.groups = [
      {
        key: 'match',
        legend: 'When several records share a key',
        name: this.matchName,
        choices: views(MATCH_CHOICES, this.match, 'match')
      },
      {
        key: 'blank',
        legend: 'When the report has no value for a field',
        name: this.blankName,
        choices: views(BLANK_CHOICES, this.blank, 'blank')
      }
    ];
  }
}

function views(choices: readonly Choice[], chosen: string, prefix: string): ChoiceView[] {
  return choices.map((choice, index) => ({
    ...choice,
    id: `${prefix}-${index}`,
    sentenceId: `${prefix}-${index}-sentence`,
    checked: choice.value === chosen
  }));
}
