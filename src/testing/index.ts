/**
 * fast-check arbitraries and ready properties for property-testing deal proposals.
 * @packageDocumentation
 */
export {};
