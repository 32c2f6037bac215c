/**
 * @generated SignedSource<<27a5f359d0ed1d87253afbb5f2db435f>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import { ReaderFragment } from 'relay-runtime';
export type ActivityEventType = "CONTACTS_MERGED" | "CONTACT_CREATED" | "CONTACT_DELETED" | "CONTACT_DETAILS_CAPTURED" | "CONTACT_QUALIFIED" | "CONVERSATION_ENDED" | "CONVERSATION_RATED" | "CONVERSATION_STARTED" | "LIVE_CHAT_ACCEPTED" | "LIVE_CHAT_ENDED" | "LIVE_CHAT_OFFERED" | "LIVE_CHAT_POOLED" | "LIVE_CHAT_REQUESTED" | "LIVE_CHAT_REQUEUED" | "LIVE_CHAT_TIMED_OUT" | "LIVE_CHAT_TRANSFERRED" | "MESSAGE_CREATED" | "OFFLINE_MESSAGE_LEFT" | "%future added value";
import { FragmentRefs } from "relay-runtime";
export type activity_feed$data = {
  readonly activityStream: {
    readonly edges: ReadonlyArray<{
      readonly node: {
        readonly id: string;
        readonly occurredAt: string;
        readonly type: ActivityEventType;
      };
    }>;
  };
  readonly " $fragmentType": "activity_feed";
};
export type activity_feed$key = {
  readonly " $data"?: activity_feed$data;
  readonly " $fragmentSpreads": FragmentRefs<"activity_feed">;
};

import activityFeedRefetchQuery_graphql from './activityFeedRefetchQuery.graphql';

const node: ReaderFragment = (function(){
var v0 = [
  "activityStream"
];
return {
  "argumentDefinitions": [
    {
      "defaultValue": null,
      "kind": "LocalArgument",
      "name": "after"
    },
    {
      "defaultValue": 50,
      "kind": "LocalArgument",
      "name": "first"
    }
  ],
  "kind": "Fragment",
  "metadata": {
    "connection": [
      {
        "count": "first",
        "cursor": "after",
        "direction": "forward",
        "path": (v0/*:: as any*/)
      }
    ],
    "refetch": {
      "connection": {
        "forward": {
          "count": "first",
          "cursor": "after"
        },
        "backward": null,
        "path": (v0/*:: as any*/)
      },
      "fragmentPathInResult": [],
      "operation": activityFeedRefetchQuery_graphql
    }
  },
  "name": "activity_feed",
  "selections": [
    {
      "alias": "activityStream",
      "args": null,
      "concreteType": "ActivityEventConnection",
      "kind": "LinkedField",
      "name": "__activity_activityStream_connection",
      "plural": false,
      "selections": [
        {
          "alias": null,
          "args": null,
          "concreteType": "ActivityEventEdge",
          "kind": "LinkedField",
          "name": "edges",
          "plural": true,
          "selections": [
            {
              "alias": null,
              "args": null,
              "concreteType": "ActivityEvent",
              "kind": "LinkedField",
              "name": "node",
              "plural": false,
              "selections": [
                {
                  "alias": null,
                  "args": null,
                  "kind": "ScalarField",
                  "name": "id",
                  "storageKey": null
                },
                {
                  "alias": null,
                  "args": null,
                  "kind": "ScalarField",
                  "name": "type",
                  "storageKey": null
                },
                {
                  "alias": null,
                  "args": null,
                  "kind": "ScalarField",
                  "name": "occurredAt",
                  "storageKey": null
                },
                {
                  "alias": null,
                  "args": null,
                  "kind": "ScalarField",
                  "name": "__typename",
                  "storageKey": null
                }
              ],
              "storageKey": null
            },
            {
              "alias": null,
              "args": null,
              "kind": "ScalarField",
              "name": "cursor",
              "storageKey": null
            }
          ],
          "storageKey": null
        },
        {
          "alias": null,
          "args": null,
          "concreteType": "PageInfo",
          "kind": "LinkedField",
          "name": "pageInfo",
          "plural": false,
          "selections": [
            {
              "alias": null,
              "args": null,
              "kind": "ScalarField",
              "name": "endCursor",
              "storageKey": null
            },
            {
              "alias": null,
              "args": null,
              "kind": "ScalarField",
              "name": "hasNextPage",
              "storageKey": null
            }
          ],
          "storageKey": null
        }
      ],
      "storageKey": null
    }
  ],
  "type": "Query",
  "abstractKey": null
};
})();

(node as any).hash = "9f9f93c2640ac1904651795cf43602f6";

export default node;
