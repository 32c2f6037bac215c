import { h } from './dom';
import { GraphQLRequestError, type GraphQLHttpClient } from './graphql-http';
import { CONVERSATION_RATING, RATE_CONVERSATION, type ConversationRatingData, type RateConversationData } from './operations';

const LABELS = ['Very bad', 'Bad', 'OK', 'Good', 'Excellent'];

/**
 * "How was your chat with Ana?": five stars and an optional comment, once a live chat has
 * ended; "Thanks for your feedback!" once rated (also after a reload: it asks the server first).
 */
export class RatingPrompt {
  readonly element: HTMLElement;
  private score = 0;
  private readonly stars: HTMLButtonElement[];
  private readonly comment: HTMLTextAreaElement;
  private readonly submit: HTMLButtonElement;
  private readonly problem: HTMLParagraphElement;
  private readonly form: HTMLFormElement;

  constructor(
    private readonly http: GraphQLHttpClient,
    private readonly conversationId: string,
    agentName: string | null,
    private readonly changed: () => void,
  ) {
    this.stars = LABELS.map((label, index) => {
      const star = h('button', { type: 'button', class: 'star', role: 'radio', 'aria-checked': 'false', 'aria-label': `${index + 1} of 5: ${label}`, 'data-testid': 'chatonce-star' }, '★');
      star.addEventListener('click', () => this.choose(index + 1));
      return star;
    });
    this.comment = h('textarea', { class: 'rating-comment', rows: '2', maxlength: '1000', 'aria-label': 'Anything to add? (optional)', placeholder: 'Anything to add? (optional)' });
    this.submit = h('button', { type: 'submit', class: 'button button--primary', disabled: true }, 'Send rating');
    this.problem = h('p', { class: 'rating-problem', role: 'alert', hidden: true });
    this.form = h(
      'form',
      { class: 'rating', 'data-testid': 'chatonce-rating', 'aria-label': 'Rate this chat' },
      h('p', { class: 'rating-question' }, agentName ? `How was your chat with ${agentName}?` : 'How was your chat?'),
      h('div', { class: 'stars', role: 'radiogroup', 'aria-label': 'Your rating' }, ...this.stars),
      this.comment,
      this.problem,
      this.submit,
    );
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.send();
    });
    this.element = h('div', { class: 'rating-slot' }, this.form);
    void this.checkRated();
  }

  private choose(score: number): void {
    this.score = score;
    this.stars.forEach((star, index) => {
      star.setAttribute('aria-checked', String(index === score - 1));
      star.classList.toggle('star--on', index < score);
    });
    this.submit.disabled = false;
  }

  private async checkRated(): Promise<void> {
    try {
      const data = await this.http.request<ConversationRatingData>(CONVERSATION_RATING, { id: this.conversationId }, { attempts: 2 });
      if (data.conversation?.rating) this.thank();
    } catch {
      // Unknown: the prompt stays; the server refuses a second rating anyway.
    }
  }

  private async send(): Promise<void> {
    if (!this.score) return;
    this.submit.disabled = true;
    this.problem.hidden = true;
    try {
      const data = await this.http.request<RateConversationData>(RATE_CONVERSATION, { input: { conversationId: this.conversationId, score: this.score, comment: this.comment.value } });
      const error = data.rateConversation.userErrors[0];
      if (!error || error.code === 'ALREADY_RATED') return this.thank();
      this.showProblem(error.message);
    } catch (error) {
      this.showProblem(error instanceof GraphQLRequestError && error.retryable ? 'Your rating was not sent. Check your connection and try again.' : (error as Error).message);
    }
  }

  private showProblem(message: string): void {
    this.problem.textContent = message;
    this.problem.hidden = false;
    this.submit.disabled = false;
    this.changed();
  }

  private thank(): void {
    this.element.replaceChildren(h('p', { class: 'rating-thanks', role: 'status', 'data-testid': 'chatonce-rating-thanks' }, 'Thanks for your feedback!'));
    this.changed();
  }
}
