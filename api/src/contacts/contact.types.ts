import { Field, InputType, registerEnumType } from 'type-graphql';
import { OrderDirection } from '../relay/order';

@InputType('ContactFilter', { description: 'Narrows `contacts`; every given condition must hold.' })
export class ContactFilterInput {
  @Field(() => String, { nullable: true, description: 'Contacts with exactly this email address (case-insensitive).' })
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'Contacts whose name or email contains this text (case-insensitive; 1 to 100 characters).' })
  query?: string | null;

  @Field(() => Date, { nullable: true, description: 'Contacts changed after this time: with `orderBy: { field: UPDATED_AT, direction: ASC }`, what changed since a previous sync.' })
  updatedAfter?: Date | null;
}

export enum ContactOrderField {
  CREATED_AT = 'CREATED_AT',
  UPDATED_AT = 'UPDATED_AT',
}
registerEnumType(ContactOrderField, {
  name: 'ContactOrderField',
  description: 'What contacts can be ordered by.',
  valuesConfig: {
    CREATED_AT: { description: 'When the contact was created.' },
    UPDATED_AT: { description: 'When the contact last changed (ties broken by ID).' },
  },
});

@InputType('ContactOrder', { description: 'How `contacts` are ordered.' })
export class ContactOrderInput {
  @Field(() => ContactOrderField, { description: 'The field to order by.' })
  field!: ContactOrderField;

  @Field(() => OrderDirection, { description: 'The direction.' })
  direction!: OrderDirection;
}
