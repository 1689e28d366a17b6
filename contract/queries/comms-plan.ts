// The communication plan widget's GraphQL document and the shape it returns.
import { ACTOR_NAME, type Actor } from '../actors.js';

export interface Activity {
  id: string;
  name: string;
  methods: string[];
  frequency: string | null;
  group: { name: string; need: string; needs: { level: string; qualifier: string | null }[] } | null;
  producedBy: Actor[];
  deliveredBy: { occasion: string | null; by: Actor }[];
}

export interface CommsPlan {
  programme: { id: string; name: string; demo: boolean; communicationPlan: Activity[] };
}

export const COMMS_PLAN = `query CommunicationPlan($key: String, $id: ID) {
  programme(key: $key, id: $id) {
    id name demo
    communicationPlan {
      id name methods frequency
      group { name need needs { level qualifier } }
      producedBy { ${ACTOR_NAME} }
      deliveredBy { occasion by { ${ACTOR_NAME} } }
    }
  }
}`;
