/** The columns of a HiGHS model being built, as the arrays `ModelData` takes. */
export type ColumnList = {
  cost: number[];
  lower: number[];
  upper: number[];
  /** 1 for an integer column, 0 for a continuous one. */
  integrality: number[];
  /** Appends a column and returns its index. */
  add: (cost: number, lower: number, upper: number, integer: boolean) => number;
};

/** An empty column list (the roster MIP and the counting relaxation build theirs with it). */
export function createColumnList(): ColumnList {
  const list: ColumnList = {
    cost: [],
    lower: [],
    upper: [],
    integrality: [],
    add: (cost, lower, upper, integer) => {
      list.cost.push(cost);
      list.lower.push(lower);
      list.upper.push(upper);
      list.integrality.push(integer ? 1 : 0);
      return list.cost.length - 1;
    },
  };
  return list;
}
