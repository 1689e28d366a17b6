// The programme widget's GraphQL document and the shape it returns.
import { ACTOR_NAME, type Actor } from '../actors.js';

export interface PlanAction {
  id: string;
  name: string;
  status: string;
  dueDate: string | null;
  dueText: string | null;
  recurrence: string | null;
  overdue: boolean;
  /** Late already on the date its plan speaks from; null when the plan bears no date. */
  overdueAsOfDocument: boolean | null;
  /** The plan's date, the last the graph heard of it. */
  lastReported: string | null;
  leadText: string | null;
  leads: { part: string; by: Actor }[];
  workstream: { id: string } | null;
}

export interface PlanTarget {
  id: string;
  name: string;
  metric: string;
  value: number;
  unit: string | null;
  deadline: string | null;
  progress: number | null;
  readings: { date: string; value: number }[];
  /** The line its readings are measured against (empty without a reading or a deadline), and whether on track. */
  trajectory?: { line: { date: string; value: number }[]; onTrack: boolean | null } | null;
}

export interface PlanPartner {
  role: string;
  inferred: boolean;
  inference: string | null;
  organisation: { id: string; name: string };
}

export interface ProgrammePlan {
  programme: {
    id: string;
    name: string;
    description: string | null;
    period: string | null;
    asOf: string | null;
    demo: boolean;
    partners: PlanPartner[];
    workstreams: { id: string; name: string; position: number | null; group: string | null }[];
    actions: PlanAction[];
    targets: PlanTarget[];
    actionPlan: { total: number; byStatus: { status: string; count: number }[]; overdue: { id: string }[] };
  };
}

export const PROGRAMME_PLAN = `query ProgrammePlan($key: String, $id: ID) {
  programme(key: $key, id: $id) {
    id name description period asOf demo
    partners { role inferred inference organisation { id name } }
    workstreams { id name position group }
    actions { id name status dueDate dueText recurrence overdue overdueAsOfDocument lastReported leadText leads { part by { ${ACTOR_NAME} } } workstream { id } }
    targets { id name metric value unit deadline progress readings { date value } trajectory { line { date value } onTrack } }
    actionPlan { total byStatus { status count } overdue { id } }
  }
}`;
