import { h } from '../dom.js';

/** Asks for an API key; the key stays in this tab's sessionStorage, never in a URL. */
export function signInView(main: HTMLElement, problem: string | null, signIn: (key: string) => void): void {
  const key = h('input', {
    id: 'api-key',
    name: 'apiKey',
    type: 'password',
    required: true,
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-describedby': 'api-key-help',
  });
  const form = h(
    'form',
    { class: 'sign-in', 'aria-labelledby': 'sign-in-title' },
    h('h2', { id: 'sign-in-title' }, 'Sign in'),
    h('label', { for: 'api-key' }, 'API key'),
    key,
    h(
      'p',
      { id: 'api-key-help', class: 'panel-note' },
      'An analyst or admin key shows the reports; an auditor key opens deals with their history. ' +
        'The key is kept in this browser tab only.',
    ),
    problem ? h('p', { class: 'error', role: 'alert' }, problem) : null,
    h('button', { type: 'submit' }, 'Sign in'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    signIn(key.value.trim());
  });
  main.append(form);
  key.focus();
}
