/**
 * Carry-over (繰越) at the end of a work day: an order still open when the day's report is compiled gets status
 * 'carried_over' and its 作業予定日 (scheduledDate) moves to the next work day, so the next day's assignment, the
 * morning post and the results flow find it again among that day's orders. 'carried_over' therefore means "still to
 * do, brought forward"; the day it was carried from keeps it in its report (Report.content carriedOrderNos, AuditLog).
 */
export { isToDo, TO_DO_STATUSES } from '../work-order/work-order.ts';
