// What the service says about itself: the GraphQL type analysts query first to check they are connected.
import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'The Partnership Hub service answering this request.' })
export class About {
  @Field(() => String, { description: 'The product name, "Partnership Hub".' })
  name!: string;

  @Field(() => String, { description: 'The service version (semantic versioning).' })
  version!: string;

  @Field(() => [String], { description: 'Ids of the schema migrations the database has applied, in order.' })
  migrations!: string[];
}
