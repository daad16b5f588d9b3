// The Start/End marker ids of the layout, without importing layout.ts: that module pulls in ELK, which
// must stay out of the browser bundle (the graph is laid out on the server).

export const START_MARKER_ID = '__start__';
export const END_MARKER_ID = '__end__';
