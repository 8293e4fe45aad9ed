import { InvalidTransitionError } from '../../src/platform/http/domain-error';
import { GuardRejectedError, StateMachine } from '../../src/platform/state-machine/state-machine';

type S = 'draft' | 'submitted' | 'accepted' | 'withdrawn';
type E = 'submit' | 'accept' | 'withdraw';

const machine = new StateMachine<S, E, { complete: boolean }>('Application', {
  draft: { submit: { to: 'submitted', guard: (c) => (c.complete ? null : 'the profile is incomplete') }, withdraw: { to: 'withdrawn' } },
  submitted: { accept: { to: 'accepted' }, withdraw: { to: 'withdrawn' } },
  accepted: {},
  withdrawn: {},
});

describe('StateMachine', () => {
  it('follows the table', () => {
    expect(machine.next('draft', 'submit', { complete: true })).toBe('submitted');
    expect(machine.next('submitted', 'accept', { complete: true })).toBe('accepted');
    expect(machine.next('submitted', 'withdraw', { complete: false })).toBe('withdrawn');
  });

  it('refuses an event the state does not accept, with a 409-kind error naming the current state', () => {
    const attempt = () => machine.next('accepted', 'withdraw', { complete: true });
    expect(attempt).toThrow(InvalidTransitionError);
    try {
      attempt();
    } catch (error) {
      expect((error as InvalidTransitionError).kind).toBe('conflict');
      expect((error as InvalidTransitionError).extensions).toEqual({ currentState: 'accepted' });
      expect((error as Error).message).toBe('Application is accepted; it cannot withdraw.');
    }
  });

  it('refuses when a guard objects, saying why', () => {
    expect(() => machine.next('draft', 'submit', { complete: false })).toThrow(GuardRejectedError);
    expect(() => machine.next('draft', 'submit', { complete: false })).toThrow(/the profile is incomplete/);
    expect(machine.can('draft', 'submit', { complete: false })).toBe(false);
    expect(machine.can('draft', 'submit', { complete: true })).toBe(true);
  });

  it('knows final states and the events of each state', () => {
    expect(machine.isFinal('accepted')).toBe(true);
    expect(machine.isFinal('draft')).toBe(false);
    expect(machine.events('submitted').sort()).toEqual(['accept', 'withdraw']);
  });
});
