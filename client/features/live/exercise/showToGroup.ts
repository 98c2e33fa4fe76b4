import { createContext, useContext } from 'react';

/** Turns the screen to the room (P48): the console gives way to the group view until one tap back. */
export const ShowToGroupContext = createContext<() => void>(() => {});

export const useShowToGroup = (): (() => void) => useContext(ShowToGroupContext);
